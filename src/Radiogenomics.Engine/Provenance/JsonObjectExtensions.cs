using System.Text.Json.Nodes;

namespace Radiogenomics.Engine.Provenance;

/// <summary>Fluent setting of a JSON-LD property while building crate entities.</summary>
internal static class JsonObjectExtensions
{
    public static JsonObject With(this JsonObject entity, string property, JsonNode? value)
    {
        entity[property] = value;
        return entity;
    }
}
