namespace IbPortal.Domain.Organisation;

/// <summary>A school board (bestuur / stichting) that owns several schools.</summary>
public class Board
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<School> Schools { get; set; } = [];
}
