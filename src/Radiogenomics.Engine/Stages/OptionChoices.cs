using System.Reflection;

namespace Radiogenomics.Engine.Stages;

/// <summary>How enum members are spelled as YAML choices: the member's <see cref="ChoiceAttribute"/>, else its snake_case.</summary>
public static class OptionChoices
{
    /// <summary>The YAML spelling of <paramref name="value"/>, e.g. FdrScope.PerGenomic → "per_genomic", for logs and titles.</summary>
    public static string Spelling(Enum value)
    {
        var field = value.GetType().GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)
            ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a named member of {value.GetType().Name}");
        return Spelling(field);
    }

    /// <summary>Every member of <paramref name="type"/> by its spelling, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Of(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => new KeyValuePair<string, object>(Spelling(f), f.GetValue(null)!)).ToList();

    private static string Spelling(FieldInfo field) => field.GetCustomAttribute<ChoiceAttribute>()?.Name ?? SnakeCase(field.Name);

    /// <summary>FdrScope → fdr_scope, CropMm → crop_mm, Log2 → log2.</summary>
    public static string SnakeCase(string pascal)
    {
        var text = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(pascal[i]));
        }
        return text.ToString();
    }
}
