namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of this module's kinds of pupil data (see <see cref="AuthorizationMatrix"/>).</summary>
public static class ParentMatrixRows
{
    public static DataKind[] Kinds { get; } = [];
}
