namespace Takedown.Server.Hosting;

/// <summary>The first account of a fresh installation (see <see cref="TakedownServerSettings.InitialUser"/>).</summary>
/// <param name="Username">Login name.</param>
/// <param name="Password">Password (stored hashed).</param>
/// <param name="Role">Role, e.g. admin.</param>
public sealed record InitialUser(string Username, string Password, string Role);
