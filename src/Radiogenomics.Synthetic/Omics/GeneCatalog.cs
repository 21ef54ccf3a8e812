namespace Radiogenomics.Synthetic;

/// <summary>The cohort's genes in file order (sorted by id; a <c>_PAR_Y</c> row follows its X copy).</summary>
public sealed class GeneCatalog
{
    private readonly Dictionary<string, Gene> _bySymbol;
    private readonly Dictionary<string, Gene> _byId;

    internal GeneCatalog(IReadOnlyList<Gene> genes)
    {
        Genes = genes;
        _byId = genes.ToDictionary(g => g.Id, StringComparer.Ordinal);
        _bySymbol = new Dictionary<string, Gene>(StringComparer.Ordinal);
        foreach (var g in genes)
            if (!g.IsParY) _bySymbol.Add(g.Symbol, g);
    }

    public IReadOnlyList<Gene> Genes { get; }
    public int Count => Genes.Count;
    public Gene this[int index] => Genes[index];

    /// <summary>The gene with this symbol (the X copy for PAR genes), or null.</summary>
    public Gene? BySymbol(string symbol) => _bySymbol.GetValueOrDefault(symbol);

    /// <summary>The gene with this versioned id, or null.</summary>
    public Gene? ById(string id) => _byId.GetValueOrDefault(id);
}
