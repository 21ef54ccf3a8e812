using System.Reflection;

namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A stage kind's parameters declared once, as a record: each <see cref="OptionAttribute"/> property is a parameter
/// whose type comes from the property (string, int, long, double, bool, an enum for a fixed set of choices, a list
/// of strings or numbers) and whose default is the property's initial value. <see cref="Parameters"/> is what the
/// YAML binder validates against and <c>rg describe</c> prints; <see cref="Bind"/> turns the resolved parameters
/// into the record, so a stage never compares parameter strings and an unknown choice can never fall through to a
/// default: it is a validation error in YAML and an exception here.
/// </summary>
public static class StageOptions<TOptions> where TOptions : class, new()
{
    private sealed record Option(PropertyInfo Property, ParameterSpec Spec, IReadOnlyDictionary<string, object>? Choices);

    private static readonly Lazy<IReadOnlyList<Option>> Declared = new(Declare);

    public static IReadOnlyList<ParameterSpec> Parameters => Declared.Value.Select(o => o.Spec).ToList();

    /// <summary>The record for a stage's resolved parameters (validated and defaulted by the binder).</summary>
    public static TOptions Bind(ResolvedParameters parameters)
    {
        var options = new TOptions();
        foreach (var option in Declared.Value)
        {
            var value = parameters[option.Spec.Name];
            option.Property.SetValue(options, Convert(option, value));
        }
        return options;
    }

    private static object? Convert(Option option, object? value)
    {
        var type = option.Property.PropertyType;
        string name = option.Spec.Name;
        if (option.Choices is { } choices)
            return value is string s && choices.TryGetValue(s, out var member) ? member
                : throw new ArgumentException($"parameter '{name}' is {ResolvedParameters.Format(value)}, not one of {string.Join("|", choices.Keys)}");
        return value switch
        {
            null when !type.IsValueType => null,
            string s when type == typeof(string) => s,
            long l when type == typeof(int) => checked((int)l),
            long l when type == typeof(long) => l,
            long l when type == typeof(double) => (double)l,
            double d when type == typeof(double) => d,
            bool b when type == typeof(bool) => b,
            IReadOnlyList<string> list when type == typeof(IReadOnlyList<string>) => list,
            IReadOnlyList<double> list when type == typeof(IReadOnlyList<double>) => list,
            _ => throw new ArgumentException($"parameter '{name}' is {ResolvedParameters.Format(value)}, which {typeof(TOptions).Name}.{option.Property.Name} ({type.Name}) cannot hold"),
        };
    }

    private static List<Option> Declare()
    {
        var defaults = new TOptions();
        var list = new List<Option>();
        // A base record's options (e.g. the label options every classify stage shares) come first, each type's in
        // declaration order: reflection lists a derived type's own properties before its base's.
        var properties = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => Depth(p.DeclaringType!)).ThenBy(p => p.MetadataToken);
        foreach (var property in properties)
        {
            if (property.GetCustomAttribute<OptionAttribute>() is not { } attribute) continue;
            if (property.SetMethod is null) throw new InvalidOperationException($"{typeof(TOptions).Name}.{property.Name} needs an init accessor to be bound");
            string name = attribute.Name ?? OptionChoices.SnakeCase(property.Name);
            var type = property.PropertyType;
            object? initial = property.GetValue(defaults);
            Dictionary<string, object>? choices = null;
            ParameterSpec spec;
            if (type.IsEnum)
            {
                choices = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var (spelling, member) in OptionChoices.Of(type))
                    if (!choices.TryAdd(spelling, member))
                        throw new InvalidOperationException($"{type.Name}.{member} spells the choice '{spelling}' as another member does");
                string spelled = choices.First(c => c.Value.Equals(initial)).Key;
                spec = ParameterSpec.Choice(name, spelled, attribute.Description, [.. choices.Keys]);
            }
            else
            {
                spec = type == typeof(string) ? ParameterSpec.String(name, (string?)initial, attribute.Description)
                    : type == typeof(int) || type == typeof(long) ? new ParameterSpec(name, ParameterType.Integer, System.Convert.ToInt64(initial), attribute.Description)
                    : type == typeof(double) ? ParameterSpec.Number(name, (double)initial!, attribute.Description)
                    : type == typeof(bool) ? ParameterSpec.Boolean(name, (bool)initial!, attribute.Description)
                    : type == typeof(IReadOnlyList<string>) ? new ParameterSpec(name, ParameterType.StringList, initial, attribute.Description)
                    : type == typeof(IReadOnlyList<double>) ? new ParameterSpec(name, ParameterType.NumberList, initial, attribute.Description)
                    : throw new InvalidOperationException($"{typeof(TOptions).Name}.{property.Name}: {type.Name} is not a parameter type");
                spec = spec with
                {
                    IsSeed = attribute.IsSeed,
                    Required = attribute.Required,
                    Minimum = double.IsNaN(attribute.Minimum) ? null : attribute.Minimum,
                    Maximum = double.IsNaN(attribute.Maximum) ? null : attribute.Maximum,
                };
            }
            list.Add(new Option(property, spec, choices));
        }
        return list;
    }

    private static int Depth(Type type)
    {
        int depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }
}
