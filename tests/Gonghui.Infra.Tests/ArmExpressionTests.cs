namespace Gonghui.Infra.Tests;

/// <summary>The expression reader the template tests rely on: it must read what it is given exactly, or refuse.</summary>
public sealed class ArmExpressionTests
{
    [Fact]
    public void ReadsCallsStringsNumbersMembersAndIndexes()
    {
        var expression = ArmExpression.FromTemplateString("[reference(resourceId('a/b', format('it''s {0}', parameters('x'))), '2025-01-01').list[-1].name]");

        var member = Assert.IsType<ArmMember>(expression);
        Assert.Equal("name", member.Name);
        var index = Assert.IsType<ArmIndex>(member.Target);
        Assert.Equal(new ArmNumber(-1), index.Index);
        var format = expression.DescendantsAndSelf().OfType<ArmCall>().Single(c => c.IsCall("format"));
        Assert.Equal(new ArmString("it's {0}"), format.Arguments[0]);
        Assert.Equal("reference(resourceId('a/b', format('it''s {0}', parameters('x'))), '2025-01-01').list[-1].name", expression.ToString());
    }

    [Fact]
    public void TakesLiteralsAndEscapedBracketsAsStrings()
    {
        Assert.Equal(new ArmString("Disabled"), ArmExpression.FromTemplateString("Disabled"));
        Assert.Equal(new ArmString("[not an expression]"), ArmExpression.FromTemplateString("[[not an expression]"));
    }

    [Theory]
    [InlineData("concat('a'")]
    [InlineData("concat('a') extra")]
    [InlineData("'unterminated")]
    [InlineData("bare")]
    public void RefusesWhatItCannotRead(string text) =>
        Assert.Throws<FormatException>(() => ArmExpression.Parse(text));
}
