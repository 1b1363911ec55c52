package io.txmon.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What a reader handed on, collected for assertions. */
final class Reading<T> {
    final List<Parsed<T>> accepted = new ArrayList<>();
    final List<RejectedRecord> rejected = new ArrayList<>();
    ReadSummary summary;

    Consumer<Parsed<T>> acceptedSink() {
        return accepted::add;
    }

    Consumer<RejectedRecord> rejectedSink() {
        return rejected::add;
    }

    List<T> values() {
        return accepted.stream().map(Parsed::value).toList();
    }

    List<Long> acceptedLines() {
        return accepted.stream().map(Parsed::line).toList();
    }

    List<Long> rejectedLines() {
        return rejected.stream().map(RejectedRecord::line).toList();
    }

    List<String> reasons() {
        return rejected.stream().map(RejectedRecord::reason).toList();
    }
}
