package io.txmon.rules;

import java.math.BigInteger;
import java.util.stream.Collectors;

/**
 * Prints a condition fully parenthesized with one spelling per number, so that spacing, redundant
 * parentheses and {@code 1e4} against {@code 10000.0} do not change a rule set's version. Integer and
 * double literals stay apart, because CEL compares them differently (see {@link BooleanNodes}).
 */
final class CanonicalText {
    private CanonicalText() {}

    static String of(Syntax syntax) {
        if (syntax instanceof Syntax.NumberLiteral literal) {
            return literal.integer() ? new BigInteger(literal.text()).toString() : Double.toString(literal.value());
        }
        if (syntax instanceof Syntax.BooleanLiteral literal) {
            return Boolean.toString(literal.value());
        }
        if (syntax instanceof Syntax.Name name) {
            return name.name();
        }
        if (syntax instanceof Syntax.Negation negation) {
            return "(-" + of(negation.operand()) + ")";
        }
        if (syntax instanceof Syntax.Not not) {
            return "(!" + of(not.operand()) + ")";
        }
        if (syntax instanceof Syntax.Binary binary) {
            return "(" + of(binary.left()) + " " + binary.operator().symbol() + " " + of(binary.right()) + ")";
        }
        if (syntax instanceof Syntax.Choice choice) {
            return "(" + of(choice.condition()) + " ? " + of(choice.ifTrue()) + " : " + of(choice.ifFalse()) + ")";
        }
        Syntax.Call call = (Syntax.Call) syntax;
        return call.function()
                + call.arguments().stream().map(CanonicalText::of).collect(Collectors.joining(", ", "(", ")"));
    }
}
