namespace Radiogenomics.Stages;

/// <summary>Which points <c>explore.tsne</c> embeds: patients (their mean feature vector), images, or both, each in its own map.</summary>
public enum EmbeddingLevels
{
    Both,
    Patients,
    Images,
}
