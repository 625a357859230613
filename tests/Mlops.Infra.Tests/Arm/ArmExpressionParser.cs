using System.Globalization;

namespace Mlops.Infra.Tests.Arm;

/// <summary>A node of a parsed ARM template expression, with the source text it was parsed from.</summary>
public abstract record ExpressionNode(string Source);

public sealed record LiteralNode(string Source, object? Value) : ExpressionNode(Source);

public sealed record CallNode(string Source, string Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode(Source);

public sealed record MemberNode(string Source, ExpressionNode Target, string Member) : ExpressionNode(Source);

public sealed record IndexNode(string Source, ExpressionNode Target, ExpressionNode Index) : ExpressionNode(Source);

/// <summary>
/// Parses the ARM template expression language (the text between the brackets of "[...]"): function calls,
/// 'string' literals (a quote doubled inside), integers, member access (.name) and indexing ([expr]).
/// </summary>
public sealed class ArmExpressionParser
{
    private readonly string text;
    private int position;

    private ArmExpressionParser(string text) => this.text = text;

    public static ExpressionNode Parse(string expression)
    {
        var parser = new ArmExpressionParser(expression);
        var node = parser.ParseExpression();
        parser.SkipWhitespace();
        if (parser.position != expression.Length)
        {
            throw new FormatException($"Unexpected '{expression[parser.position..]}' in ARM expression '{expression}'.");
        }

        return node;
    }

    private ExpressionNode ParseExpression()
    {
        SkipWhitespace();
        var start = position;
        ExpressionNode node = Peek() switch
        {
            '\'' => new LiteralNode(string.Empty, ReadString()),
            var c when char.IsAsciiDigit(c) || c == '-' => new LiteralNode(string.Empty, ReadInteger()),
            _ => ParseCall(),
        };
        node = node with { Source = text[start..position] };

        while (true)
        {
            SkipWhitespace();
            if (position < text.Length && text[position] == '.')
            {
                position++;
                var member = ReadIdentifier();
                node = new MemberNode(text[start..position], node, member);
            }
            else if (position < text.Length && text[position] == '[')
            {
                position++;
                var index = ParseExpression();
                Expect(']');
                node = new IndexNode(text[start..position], node, index);
            }
            else
            {
                return node;
            }
        }
    }

    private CallNode ParseCall()
    {
        var start = position;
        var name = ReadIdentifier();
        Expect('(');
        var arguments = new List<ExpressionNode>();
        SkipWhitespace();
        if (Peek() != ')')
        {
            while (true)
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    position++;
                    continue;
                }

                break;
            }
        }

        Expect(')');
        return new CallNode(text[start..position], name, arguments);
    }

    private string ReadString()
    {
        Expect('\'');
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw new FormatException($"Unterminated string in ARM expression '{text}'.");
            }

            var c = text[position++];
            if (c == '\'')
            {
                if (position < text.Length && text[position] == '\'')
                {
                    value.Append('\'');
                    position++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }
    }

    private long ReadInteger()
    {
        var start = position;
        if (Peek() == '-')
        {
            position++;
        }

        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return long.Parse(text[start..position], CultureInfo.InvariantCulture);
    }

    private string ReadIdentifier()
    {
        SkipWhitespace();
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '$'))
        {
            position++;
        }

        if (start == position)
        {
            throw new FormatException($"Expected a name at {start} in ARM expression '{text}'.");
        }

        return text[start..position];
    }

    private void Expect(char c)
    {
        SkipWhitespace();
        if (Peek() != c)
        {
            throw new FormatException($"Expected '{c}' at {position} in ARM expression '{text}'.");
        }

        position++;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipWhitespace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
