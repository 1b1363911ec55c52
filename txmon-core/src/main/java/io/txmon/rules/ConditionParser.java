package io.txmon.rules;

import io.txmon.rules.Syntax.BinaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a condition's text into {@link Syntax}: a hand-written lexer and a recursive-descent parser
 * over CEL's grammar, restricted to the numeric subset.
 *
 * <p>The productions and their precedence are CEL's own (the {@code langdef.md} of
 * github.com/google/cel-spec), so that a condition that parses here groups exactly as it does in CEL:
 *
 * <pre>
 * expr     = or [ "?" or ":" expr ]      (the true branch cannot itself be an unparenthesized "?:")
 * or       = and { "||" and }
 * and      = relation { "&amp;&amp;" relation }
 * relation = calc { ("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") calc }   (one level, left to right)
 * calc     = product { ("+" | "-") product }
 * product  = unary { ("*" | "/") unary }
 * unary    = primary | "!" { "!" } primary | "-" { "-" } primary
 * primary  = number | "true" | "false" | name | name "." name "(" [ expr { "," expr } ] ")"
 *          | "(" expr ")"
 * </pre>
 *
 * Recursive descent costs one pass over the text, linear in its length; conditions are a few dozen
 * characters and are compiled once per rule set, so clarity of the error messages matters more than
 * speed here. Nesting is capped so that a hostile or broken file cannot exhaust the stack.
 */
final class ConditionParser {

    private static final Map<String, String> WORD_OPERATORS = Map.of("and", "&&", "or", "||", "not", "!");

    private final List<Token> tokens;
    private int next;
    private int depth;

    private ConditionParser(String source) {
        this.tokens = new Lexer(source).tokens();
    }

    /** Parses a whole condition, failing with the column of the first problem. */
    static Syntax parse(String source) {
        if (source.length() > Condition.MAX_LENGTH) {
            throw new InvalidConditionException(
                    Condition.MAX_LENGTH + 1,
                    "the condition is " + source.length() + " characters long, the limit is " + Condition.MAX_LENGTH);
        }
        ConditionParser parser = new ConditionParser(source);
        if (parser.peek().kind() == TokenKind.END) {
            throw new InvalidConditionException(1, "the condition is empty");
        }
        Syntax syntax = parser.expression();
        Token extra = parser.peek();
        if (extra.kind() != TokenKind.END) {
            throw new InvalidConditionException(extra.column(), "unexpected " + describe(extra) + hintFor(extra));
        }
        return syntax;
    }

    private Syntax expression() {
        enter();
        Syntax condition = or();
        Syntax result = condition;
        if (peekSymbol("?")) {
            Token question = take();
            Syntax ifTrue = or();
            if (peekSymbol("?")) {
                throw new InvalidConditionException(
                        peek().column(),
                        "put a '?:' inside the true branch of another one in parentheses, as CEL does");
            }
            expectSymbol(":", "the ':' of the '?' at column " + question.column());
            Syntax ifFalse = expression();
            result = new Syntax.Choice(condition, ifTrue, ifFalse, question.column());
        }
        depth--;
        return result;
    }

    private Syntax or() {
        Syntax left = and();
        while (peekSymbol("||")) {
            Token operator = take();
            left = new Syntax.Binary(BinaryOperator.OR, left, and(), operator.column());
        }
        return left;
    }

    private Syntax and() {
        Syntax left = relation();
        while (peekSymbol("&&")) {
            Token operator = take();
            left = new Syntax.Binary(BinaryOperator.AND, left, relation(), operator.column());
        }
        return left;
    }

    private Syntax relation() {
        Syntax left = calc();
        while (true) {
            BinaryOperator operator = relationalOperator(peek());
            if (operator == null) {
                return left;
            }
            Token token = take();
            left = new Syntax.Binary(operator, left, calc(), token.column());
        }
    }

    private Syntax calc() {
        Syntax left = product();
        while (peekSymbol("+") || peekSymbol("-")) {
            Token operator = take();
            BinaryOperator kind = operator.text().equals("+") ? BinaryOperator.PLUS : BinaryOperator.MINUS;
            left = new Syntax.Binary(kind, left, product(), operator.column());
        }
        return left;
    }

    private Syntax product() {
        Syntax left = unary();
        while (peekSymbol("*") || peekSymbol("/")) {
            Token operator = take();
            BinaryOperator kind = operator.text().equals("*") ? BinaryOperator.TIMES : BinaryOperator.DIVIDED_BY;
            left = new Syntax.Binary(kind, left, unary(), operator.column());
        }
        return left;
    }

    private Syntax unary() {
        if (peekSymbol("!") || peekSymbol("-")) {
            String symbol = peek().text();
            List<Token> operators = new ArrayList<>();
            while (peekSymbol(symbol)) {
                operators.add(take());
            }
            Syntax operand = primary();
            for (int i = operators.size() - 1; i >= 0; i--) {
                int column = operators.get(i).column();
                operand = symbol.equals("!") ? new Syntax.Not(operand, column) : new Syntax.Negation(operand, column);
            }
            return operand;
        }
        return primary();
    }

    private Syntax primary() {
        Token token = take();
        switch (token.kind()) {
            case NUMBER:
                return new Syntax.NumberLiteral(token.number(), token.integer(), token.text(), token.column());
            case TRUE:
                return new Syntax.BooleanLiteral(true, token.column());
            case FALSE:
                return new Syntax.BooleanLiteral(false, token.column());
            case NAME:
                return nameOrCall(token);
            case SYMBOL:
                if (token.text().equals("(")) {
                    Syntax inner = expression();
                    expectSymbol(")", "the ')' closing the '(' at column " + token.column());
                    return inner;
                }
                throw new InvalidConditionException(
                        token.column(), "expected a number, a name or '(' but found " + describe(token));
            case END:
            default:
                throw new InvalidConditionException(
                        token.column(), "the condition ends where a number, a name or '(' was expected");
        }
    }

    private Syntax nameOrCall(Token name) {
        if (peekSymbol(".")) {
            take();
            Token member = take();
            if (member.kind() != TokenKind.NAME) {
                throw new InvalidConditionException(
                        member.column(), "expected a function name after '" + name.text() + ".'");
            }
            String qualified = name.text() + "." + member.text();
            if (!peekSymbol("(")) {
                throw new InvalidConditionException(
                        name.column(),
                        "'" + qualified + "' selects a field, which the rule language does not have;"
                                + " names are plain features or parameters");
            }
            return call(qualified, name.column());
        }
        if (peekSymbol("(")) {
            return call(name.text(), name.column());
        }
        return new Syntax.Name(name.text(), name.column());
    }

    private Syntax call(String function, int column) {
        Token open = take();
        List<Syntax> arguments = new ArrayList<>();
        if (!peekSymbol(")")) {
            arguments.add(expression());
            while (peekSymbol(",")) {
                take();
                arguments.add(expression());
            }
        }
        expectSymbol(")", "the ')' closing the '(' at column " + open.column());
        return new Syntax.Call(function, arguments, column);
    }

    private void enter() {
        if (++depth > Condition.MAX_NESTING) {
            throw new InvalidConditionException(
                    peek().column(), "the condition is nested more than " + Condition.MAX_NESTING + " levels deep");
        }
    }

    private static BinaryOperator relationalOperator(Token token) {
        if (token.kind() != TokenKind.SYMBOL) {
            return null;
        }
        switch (token.text()) {
            case "<":
                return BinaryOperator.LESS;
            case "<=":
                return BinaryOperator.LESS_OR_EQUAL;
            case ">":
                return BinaryOperator.GREATER;
            case ">=":
                return BinaryOperator.GREATER_OR_EQUAL;
            case "==":
                return BinaryOperator.EQUAL;
            case "!=":
                return BinaryOperator.NOT_EQUAL;
            default:
                return null;
        }
    }

    private void expectSymbol(String symbol, String what) {
        Token token = peek();
        if (!peekSymbol(symbol)) {
            String found = token.kind() == TokenKind.END ? "the condition ends" : "found " + describe(token);
            throw new InvalidConditionException(token.column(), "expected " + what + " but " + found);
        }
        take();
    }

    private boolean peekSymbol(String symbol) {
        Token token = peek();
        return token.kind() == TokenKind.SYMBOL && token.text().equals(symbol);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != TokenKind.END) {
            next++;
        }
        return token;
    }

    private static String describe(Token token) {
        switch (token.kind()) {
            case END:
                return "the end of the condition";
            case NAME:
                return "name '" + token.text() + "'";
            case NUMBER:
                return "number " + token.text();
            default:
                return "'" + token.text() + "'";
        }
    }

    private static String hintFor(Token token) {
        if (token.kind() == TokenKind.NAME) {
            String operator = WORD_OPERATORS.get(token.text().toLowerCase(Locale.ROOT));
            if (operator != null) {
                return "; write '" + operator + "' for '" + token.text() + "'";
            }
        }
        if (token.kind() == TokenKind.SYMBOL && token.text().equals("(")) {
            return "; only functions can be called";
        }
        return "";
    }

    private enum TokenKind {
        NUMBER,
        NAME,
        TRUE,
        FALSE,
        SYMBOL,
        END
    }

    /** One token; {@code number} and {@code integer} are meaningful for numbers only. */
    private record Token(TokenKind kind, String text, int column, double number, boolean integer) {
        static Token of(TokenKind kind, String text, int column) {
            return new Token(kind, text, column, 0, false);
        }
    }

    /** Splits the text into tokens, rejecting characters and spellings CEL would read differently. */
    private static final class Lexer {
        /** Integers up to 2^53 convert to doubles exactly, so CEL's int comparison and ours agree. */
        private static final long MAX_EXACT_INTEGER = 1L << 53;

        private final String text;
        private final List<Token> tokens = new ArrayList<>();
        private int at;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            while (true) {
                skipWhitespace();
                if (at >= text.length()) {
                    tokens.add(Token.of(TokenKind.END, "", text.length() + 1));
                    return tokens;
                }
                char c = text.charAt(at);
                if (isDigit(c)) {
                    number();
                } else if (isNameStart(c)) {
                    name();
                } else {
                    symbol(c);
                }
            }
        }

        private void skipWhitespace() {
            while (at < text.length() && " \t\r\n\f".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private void number() {
            int start = at;
            boolean integer = true;
            digits();
            if (at + 1 < text.length() && text.charAt(at) == '.' && isDigit(text.charAt(at + 1))) {
                integer = false;
                at++;
                digits();
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                integer = false;
                at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                if (at >= text.length() || !isDigit(text.charAt(at))) {
                    throw malformedNumber(start);
                }
                digits();
            }
            if (at < text.length() && (isNameStart(text.charAt(at)) || text.charAt(at) == '.')) {
                throw malformedNumber(start);
            }
            String spelling = text.substring(start, at);
            double value = Double.parseDouble(spelling);
            if (Double.isInfinite(value)) {
                throw new InvalidConditionException(start + 1, "number " + spelling + " is out of range");
            }
            if (integer && (spelling.length() > 16 || Long.parseLong(spelling) > MAX_EXACT_INTEGER)) {
                throw new InvalidConditionException(
                        start + 1,
                        "integer " + spelling + " is above " + MAX_EXACT_INTEGER
                                + ", where doubles stop being exact; write it with a decimal point");
            }
            tokens.add(new Token(TokenKind.NUMBER, spelling, start + 1, value, integer));
        }

        private InvalidConditionException malformedNumber(int start) {
            int end = at;
            while (end < text.length() && (isNamePart(text.charAt(end)) || text.charAt(end) == '.')) {
                end++;
            }
            String spelling = text.substring(start, end);
            String hint = spelling.indexOf('_') >= 0
                    ? "; write digits without separators, such as " + spelling.replace("_", "")
                    : "; write numbers like 10000, 0.5 or 1.5e4";
            return new InvalidConditionException(start + 1, "malformed number '" + spelling + "'" + hint);
        }

        private void digits() {
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
        }

        private void name() {
            int start = at;
            while (at < text.length() && isNamePart(text.charAt(at))) {
                at++;
            }
            String word = text.substring(start, at);
            TokenKind kind =
                    word.equals("true") ? TokenKind.TRUE : word.equals("false") ? TokenKind.FALSE : TokenKind.NAME;
            tokens.add(Token.of(kind, word, start + 1));
        }

        private void symbol(char c) {
            int column = at + 1;
            String two = at + 1 < text.length() ? text.substring(at, at + 2) : "";
            switch (two) {
                case "<=":
                case ">=":
                case "==":
                case "!=":
                case "&&":
                case "||":
                    tokens.add(Token.of(TokenKind.SYMBOL, two, column));
                    at += 2;
                    return;
                default:
                    break;
            }
            if ("()+-*/<>!?:,.".indexOf(c) >= 0) {
                tokens.add(Token.of(TokenKind.SYMBOL, String.valueOf(c), column));
                at++;
                return;
            }
            throw new InvalidConditionException(column, unexpectedCharacter(c));
        }

        private static String unexpectedCharacter(char c) {
            switch (c) {
                case '=':
                    return "'=' is not an operator; write '==' to compare";
                case '&':
                    return "'&' is not an operator; write '&&'";
                case '|':
                    return "'|' is not an operator; write '||'";
                case '%':
                    return "'%' is not supported: CEL has no remainder of doubles";
                case '\'':
                case '"':
                    return "text in quotes is not supported; conditions are about numbers";
                case '[':
                case ']':
                case '{':
                case '}':
                    return "lists and maps are not supported";
                default:
                    return Character.isISOControl(c)
                            ? "unexpected control character U+" + String.format("%04X", (int) c)
                            : "unexpected character '" + c + "'";
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || isDigit(c);
        }
    }
}
