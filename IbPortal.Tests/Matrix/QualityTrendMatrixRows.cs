using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of the quality view's trends (aggregates; refusals audited) (see <see cref="AuthorizationMatrix"/>).</summary>
public static class QualityTrendMatrixRows
{
    public static DataKind[] Kinds { get; } = [];
}
