using System.Globalization;
using System.Text;

namespace Gonghui.Infra.Tests;

/// <summary>
/// A node of an ARM template language expression (the text between <c>[</c> and <c>]</c> of a template string),
/// so tests can check what a compiled template computes instead of matching its text.
/// </summary>
public abstract record ArmExpression
{
    /// <summary>Parses the expression inside a template string such as <c>[format('{0}', parameters('x'))]</c>.</summary>
    public static ArmExpression Parse(string expression) => new Parser(expression).ParseWhole();

    /// <summary>Whether a template string is an expression (not a literal, nor a literal escaped as <c>[[...</c>).</summary>
    public static bool IsExpression(string value) =>
        value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && value.EndsWith(']');

    /// <summary>The expression a template string holds, or a string literal for a plain value.</summary>
    public static ArmExpression FromTemplateString(string value) =>
        IsExpression(value) ? Parse(value[1..^1]) : new ArmString(value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value);

    /// <summary>This node and every node under it.</summary>
    public IEnumerable<ArmExpression> DescendantsAndSelf()
    {
        yield return this;
        var children = this switch
        {
            ArmCall call => call.Arguments,
            ArmMember member => [member.Target],
            ArmIndex index => [index.Target, index.Index],
            _ => [],
        };
        foreach (var child in children)
            foreach (var node in child.DescendantsAndSelf())
                yield return node;
    }

    /// <summary>Whether this is a call of <paramref name="function"/> (case-insensitive, as ARM reads names).</summary>
    public bool IsCall(string function) => this is ArmCall call && string.Equals(call.Function, function, StringComparison.OrdinalIgnoreCase);

    private sealed class Parser(string text)
    {
        private int _position;

        public ArmExpression ParseWhole()
        {
            var expression = ParseExpression();
            SkipSpace();
            if (_position != text.Length)
                throw Error("end of expression");
            return expression;
        }

        private ArmExpression ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (TryTake('.'))
                    expression = new ArmMember(expression, ParseIdentifier());
                else if (TryTake('['))
                {
                    var index = ParseExpression();
                    Expect(']');
                    expression = new ArmIndex(expression, index);
                }
                else
                    return expression;
            }
        }

        private ArmExpression ParsePrimary()
        {
            SkipSpace();
            if (_position >= text.Length)
                throw Error("a value");
            var next = text[_position];
            if (next == '\'')
                return ParseString();
            if (next == '-' || char.IsAsciiDigit(next))
                return ParseNumber();
            var name = ParseIdentifier();
            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (!TryTake(')'))
            {
                do arguments.Add(ParseExpression());
                while (TryTakeAfterSpace(','));
                Expect(')');
            }
            return new ArmCall(name, arguments);
        }

        private ArmString ParseString()
        {
            var value = new StringBuilder();
            _position++;
            while (true)
            {
                if (_position >= text.Length)
                    throw Error("the closing quote");
                var c = text[_position++];
                if (c != '\'')
                    value.Append(c);
                else if (_position < text.Length && text[_position] == '\'')
                {
                    value.Append('\'');
                    _position++;
                }
                else
                    return new ArmString(value.ToString());
            }
        }

        private ArmNumber ParseNumber()
        {
            var start = _position;
            if (text[_position] == '-')
                _position++;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                _position++;
            return new ArmNumber(long.Parse(text[start.._position], CultureInfo.InvariantCulture));
        }

        private string ParseIdentifier()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
                _position++;
            if (_position == start)
                throw Error("a name");
            return text[start.._position];
        }

        private void Expect(char c)
        {
            if (!TryTakeAfterSpace(c))
                throw Error($"'{c}'");
        }

        private bool TryTakeAfterSpace(char c)
        {
            SkipSpace();
            return TryTake(c);
        }

        private bool TryTake(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
                _position++;
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at position {_position} of the ARM expression: {text}");
    }
}

public sealed record ArmString(string Value) : ArmExpression
{
    public override string ToString() => $"'{Value.Replace("'", "''", StringComparison.Ordinal)}'";
}

public sealed record ArmNumber(long Value) : ArmExpression
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed record ArmCall(string Function, IReadOnlyList<ArmExpression> Arguments) : ArmExpression
{
    public override string ToString() => $"{Function}({string.Join(", ", Arguments)})";
}

public sealed record ArmMember(ArmExpression Target, string Name) : ArmExpression
{
    public override string ToString() => $"{Target}.{Name}";
}

public sealed record ArmIndex(ArmExpression Target, ArmExpression Index) : ArmExpression
{
    public override string ToString() => $"{Target}[{Index}]";
}
