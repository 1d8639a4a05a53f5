namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of this module's kinds of data (see <see cref="AuthorizationMatrix"/>). Filled in by its owner.</summary>
public static class VisitMatrixRows
{
    public static DataKind[] Kinds { get; } = [];
}
