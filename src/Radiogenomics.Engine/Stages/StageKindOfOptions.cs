namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A stage kind whose parameters are the record <typeparamref name="TOptions"/> (see <see cref="StageOptions{TOptions}"/>):
/// the declarations, the validation and <c>rg describe</c> come from the record, and the stage runs with it bound.
/// </summary>
public abstract class StageKind<TOptions> : StageKind where TOptions : class, new()
{
    public sealed override IReadOnlyList<ParameterSpec> Parameters => StageOptions<TOptions>.Parameters;

    public sealed override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        RunAsync(context, StageOptions<TOptions>.Bind(context.Parameters), cancellationToken);

    public abstract Task RunAsync(StageContext context, TOptions options, CancellationToken cancellationToken);
}
