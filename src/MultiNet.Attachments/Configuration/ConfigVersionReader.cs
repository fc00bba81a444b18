using System.Text.Json;

namespace MultiNet.Attachments.Configuration;

/// <summary>Finds a config's top-level <c>cniVersion</c> without parsing the rest, so that even errors about a bad config answer in it.</summary>
public static class ConfigVersionReader
{
    /// <summary>The <c>cniVersion</c> string, or null when there is none or the JSON is broken before it.</summary>
    public static string? TryRead(ReadOnlySpan<byte> config)
    {
        try
        {
            var reader = new Utf8JsonReader(config);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("cniVersion")
                    && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // VERSION works without a config; a bad one just means "answer in the newest version".
        }

        return null;
    }
}
