namespace Radiogenomics.Engine.Identity;

/// <summary>
/// Raised while digesting a type when something it refers to cannot be resolved or decoded (a forwarded type, a
/// linked resource, a field whose initial data has no known size): <see cref="TypeClosureIdentity"/> then falls back
/// to the whole-assembly digest of the assembly being read, so an unknown costs a false rerun, never a missed one.
/// </summary>
internal sealed class UnresolvableCodeException(string message) : Exception(message);
