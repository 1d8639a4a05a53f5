using IbPortal.Tests.Components;

namespace IbPortal.Tests.AdminTests;

/// <summary>The shared bUnit base, signed in as <paramref name="login"/>.</summary>
public abstract class AdminComponentContext(string login) : PortalComponentContext(login);
