namespace Gonghui.Functions.Hotline;

public enum HandlingUnitKind
{
    CityUnion,
    DistrictUnion,
    LegalAidCentre,
}
