namespace Gonghui.Functions.Registry.Domain;

public enum NameMatch
{
    Exact,
    Prefix,
}
