namespace Gonghui.Functions.Registry.Domain;

public enum RegistryAction
{
    Created,
    Updated,
    StatusChanged,
}
