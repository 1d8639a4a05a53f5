namespace IbPortal.Domain.Organisation;

public class School
{
    public int Id { get; set; }
    public int BoardId { get; set; }
    public Board? Board { get; set; }
    public required string Name { get; set; }

    /// <summary>Short code used in compact views, e.g. "DW".</summary>
    public required string ShortName { get; set; }

    /// <summary>The colour that marks this school's rows everywhere (hex, e.g. "#1565C0").</summary>
    public required string Color { get; set; }

    public List<Group> Groups { get; set; } = [];
}
