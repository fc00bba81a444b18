using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Planning;

namespace MultiNet.Attachments.Execution;

/// <summary>NPWG device-info files: copied from the device plugin's file before ADD, read into network-status, removed on DEL.</summary>
internal static class DeviceInfoFiles
{
    public static void Prepare(PlannedAttachment attachment)
    {
        if (attachment.DeviceInfoFile is null || attachment.DevicePluginInfoFile is null || !File.Exists(attachment.DevicePluginInfoFile))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(attachment.DeviceInfoFile)!);
        File.Copy(attachment.DevicePluginInfoFile, attachment.DeviceInfoFile, overwrite: true);
    }

    public static JsonObject? Read(PlannedAttachment attachment, out string? problem)
    {
        problem = null;
        if (attachment.DeviceInfoFile is null || !File.Exists(attachment.DeviceInfoFile))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllBytes(attachment.DeviceInfoFile)) as JsonObject;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return null;
        }
    }

    public static void Remove(PlannedAttachment attachment)
    {
        if (attachment.DeviceInfoFile is null)
        {
            return;
        }

        try
        {
            File.Delete(attachment.DeviceInfoFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file is informational; a leftover does not hold any resource.
        }
    }
}
