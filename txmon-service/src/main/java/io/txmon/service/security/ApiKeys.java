package io.txmon.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys the service accepts, each with its roles, held only as SHA-256 hashes: a key itself is never kept,
 * logged or compared as text. Configured as {@code key1:ADMIN,ANALYST,INGEST;key2:INGEST}.
 */
public final class ApiKeys {
    /** Shortest key accepted: 128 bits of a random key in base 64 are 22 characters. */
    static final int MIN_KEY_LENGTH = 16;

    private final Map<String, Set<Role>> rolesByHash;

    private ApiKeys(Map<String, Set<Role>> rolesByHash) {
        this.rolesByHash = Map.copyOf(rolesByHash);
    }

    /**
     * Reads {@code key:ROLE,ROLE;key:ROLE}.
     *
     * @throws IllegalArgumentException naming the entry (by position, never by key) that is malformed
     */
    public static ApiKeys parse(String configured) {
        Map<String, Set<Role>> keys = new HashMap<>();
        String[] entries = configured.split(";");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String where = "TXMON_API_KEYS entry " + (i + 1);
            if (colon < 1) {
                throw new IllegalArgumentException(where + " must be key:ROLE[,ROLE...]");
            }
            String key = entry.substring(0, colon).strip();
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException(
                        where + ": a key must be at least " + MIN_KEY_LENGTH + " characters long");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : entry.substring(colon + 1).split(",")) {
                try {
                    roles.add(Role.valueOf(role.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            where + ": unknown role '" + role.strip() + "' (roles: INGEST, ANALYST, ADMIN)");
                }
            }
            if (keys.put(hash(key), roles) != null) {
                throw new IllegalArgumentException(where + " repeats a key given before");
            }
        }
        return new ApiKeys(keys);
    }

    /** A fresh random key: 256 bits, URL-safe base 64. */
    static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only {@code key}, with every role. */
    static ApiKeys only(String key) {
        return new ApiKeys(Map.of(hash(key), EnumSet.allOf(Role.class)));
    }

    boolean isEmpty() {
        return rolesByHash.isEmpty();
    }

    /** Who holds {@code key}, if it is one of the keys: named by the start of its hash, never by the key. */
    Optional<Holder> holderOf(String key) {
        String hash = hash(key);
        Set<Role> roles = rolesByHash.get(hash);
        return roles == null ? Optional.empty() : Optional.of(new Holder("api-key-" + hash.substring(0, 12), roles));
    }

    /**
     * What a log may say of {@code key}, known or not: the first 8 hex digits of its SHA-256 hash, which a known
     * key's holder name also starts with.
     */
    static String fingerprint(String key) {
        return hash(key).substring(0, 8);
    }

    /** The holder of a key: the name audit records give it, and its roles. */
    record Holder(String name, Set<Role> roles) {}

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
