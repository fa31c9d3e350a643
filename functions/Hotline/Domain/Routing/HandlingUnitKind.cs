namespace Gonghui.Functions.Hotline.Domain;

public enum HandlingUnitKind
{
    CityUnion,
    DistrictUnion,
    LegalAidCentre,
}
