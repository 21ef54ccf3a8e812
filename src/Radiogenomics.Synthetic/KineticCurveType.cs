namespace Radiogenomics.Synthetic;

/// <summary>BI-RADS delayed-phase kinetic curve type (signal change from first to last post-contrast phase: &gt; +10 %, within ±10 %, &lt; −10 %).</summary>
public enum KineticCurveType { Persistent, Plateau, Washout }
