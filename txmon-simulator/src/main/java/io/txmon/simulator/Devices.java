package io.txmon.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The phones and computers a customer banks and shops online from. Some customers replace their phone
 * during the period: from then on the new one is used, which looks like a stolen login's new device but
 * is not.
 *
 * @param initial the one or two devices in use at the start
 * @param replacement the device that replaces the first one, if the customer changes phone
 * @param replacedAt epoch second the replacement is first used; ignored without a replacement
 */
record Devices(List<String> initial, Optional<String> replacement, long replacedAt) {
    Devices {
        initial = List.copyOf(initial);
        Objects.requireNonNull(replacement, "replacement");
        if (initial.isEmpty()) {
            throw new IllegalArgumentException("a customer needs at least one device");
        }
    }

    /** The device used at a moment; with two devices in use, either. */
    String at(long second, RandomGenerator random) {
        int index = initial.size() == 1 ? 0 : random.nextInt(initial.size());
        return index == 0 ? main(second) : initial.get(index);
    }

    /** The main device at a moment: the phone, or its replacement once it is in use. */
    String main(long second) {
        return replacement.isPresent() && second >= replacedAt ? replacement.get() : initial.get(0);
    }
}
