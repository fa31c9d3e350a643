namespace Gonghui.Storage.Tables;

/// <summary>Merge keeps properties the new entity does not name; Replace drops them.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}
