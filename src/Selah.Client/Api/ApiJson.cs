using System.Text.Json;
using System.Text.Json.Serialization;

namespace Selah.Client.Api;

/// <summary>The JSON settings the server uses: web defaults (camelCase) with enums as strings.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
