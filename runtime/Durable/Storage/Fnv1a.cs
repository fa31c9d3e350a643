using System.Text;

namespace Gonghui.Durable.Storage;

/// <summary>32-bit FNV-1a over the UTF-8 bytes of a string: a stable hash for choosing an instance's control queue.</summary>
internal static class Fnv1a
{
    public static uint Hash(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
