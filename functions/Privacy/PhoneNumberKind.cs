namespace Gonghui.Functions.Privacy;

public enum PhoneNumberKind
{
    Mobile,
    Landline,
}
