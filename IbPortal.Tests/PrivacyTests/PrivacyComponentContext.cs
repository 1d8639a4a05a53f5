using IbPortal.Tests.Components;
using IbPortal.Tests.Support;

namespace IbPortal.Tests.PrivacyTests;

/// <summary>The shared bUnit base, signed in as the IB'er unless a test calls <c>SignInAs</c> before the first render.</summary>
public abstract class PrivacyComponentContext() : PortalComponentContext(Logins.CareCoordinator);
