using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of the schools' quality cycle (PDCA) (see <see cref="AuthorizationMatrix"/>).</summary>
public static class QualityCycleMatrixRows
{
    public static DataKind[] Kinds { get; } = [];
}
