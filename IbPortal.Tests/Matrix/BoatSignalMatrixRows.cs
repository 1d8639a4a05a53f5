using static IbPortal.Tests.Matrix.AuthorizationMatrix;

namespace IbPortal.Tests.Matrix;

/// <summary>The authorization matrix rows of groups' boat signals (see <see cref="AuthorizationMatrix"/>).</summary>
public static class BoatSignalMatrixRows
{
    public static DataKind[] Kinds { get; } = [];
}
