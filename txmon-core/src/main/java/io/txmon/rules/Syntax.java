package io.txmon.rules;

import java.util.List;
import java.util.Objects;

/**
 * The parsed form of a condition, before names are resolved and types checked. Every node keeps the
 * 1-based column it starts at (or of its operator), so that later errors can point at it.
 */
sealed interface Syntax {

    int column();

    /** A number as written; {@code integer} when it has neither a decimal point nor an exponent. */
    record NumberLiteral(double value, boolean integer, String text, int column) implements Syntax {}

    record BooleanLiteral(boolean value, int column) implements Syntax {}

    /** A feature or a parameter of the rule set. */
    record Name(String name, int column) implements Syntax {
        public Name {
            Objects.requireNonNull(name, "name");
        }
    }

    record Negation(Syntax operand, int column) implements Syntax {}

    record Not(Syntax operand, int column) implements Syntax {}

    record Binary(BinaryOperator operator, Syntax left, Syntax right, int column) implements Syntax {
        public Binary {
            Objects.requireNonNull(operator, "operator");
        }
    }

    /** {@code condition ? ifTrue : ifFalse}. */
    record Choice(Syntax condition, Syntax ifTrue, Syntax ifFalse, int column) implements Syntax {}

    /** A function call such as {@code math.greatest(a, b)}; {@code function} is the qualified name. */
    record Call(String function, List<Syntax> arguments, int column) implements Syntax {
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
        }
    }

    /** The binary operators, grouped as CEL groups them by precedence. */
    enum BinaryOperator {
        OR("||", Kind.LOGICAL),
        AND("&&", Kind.LOGICAL),
        LESS("<", Kind.ORDERING),
        LESS_OR_EQUAL("<=", Kind.ORDERING),
        GREATER(">", Kind.ORDERING),
        GREATER_OR_EQUAL(">=", Kind.ORDERING),
        EQUAL("==", Kind.EQUALITY),
        NOT_EQUAL("!=", Kind.EQUALITY),
        PLUS("+", Kind.ARITHMETIC),
        MINUS("-", Kind.ARITHMETIC),
        TIMES("*", Kind.ARITHMETIC),
        DIVIDED_BY("/", Kind.ARITHMETIC);

        enum Kind {
            LOGICAL,
            ORDERING,
            EQUALITY,
            ARITHMETIC
        }

        private final String symbol;
        private final Kind kind;

        BinaryOperator(String symbol, Kind kind) {
            this.symbol = symbol;
            this.kind = kind;
        }

        String symbol() {
            return symbol;
        }

        Kind kind() {
            return kind;
        }
    }
}
