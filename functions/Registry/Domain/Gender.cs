namespace Gonghui.Functions.Registry.Domain;

public enum Gender
{
    Male,
    Female,
}
