package io.txmon.formats.rules;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rule file cannot be read or compiled. The message reads {@code source:line: problem}, the way
 * compilers report, and names the rule (by id) or section and the key at fault.
 */
public final class RuleFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;
    private final String field;

    RuleFileException(String source, int line, String problem, Throwable cause) {
        this(source, line, null, problem, cause);
    }

    RuleFileException(String source, int line, String field, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.field = field;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file, or the name the text was given. */
    public String source() {
        return source;
    }

    /** The 1-based line the problem is on, when it is known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /**
     * The path to the value at fault, as a JSON body would name it ({@code rules[2].weight}, {@code
     * decision.block_at}, {@code name}); empty when the file as a whole is (not YAML, empty).
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** What is wrong, naming the rule or section and the key, without the source and line. */
    public String problem() {
        return problem;
    }
}
