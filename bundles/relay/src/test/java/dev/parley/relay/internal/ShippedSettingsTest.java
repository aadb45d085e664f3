package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The {@code config/parley.relay.cfg} a user finds in the distribution says what the relay really does by default. */
class ShippedSettingsTest {
    private static final Path SHIPPED = Path.of("../../config/parley.relay.cfg");

    @Test
    void theShippedFileHoldsEverySettingOfTheRelayWithItsDefault() throws IOException {
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(SHIPPED)) {
            file.load(r);
        }
        TreeMap<String, String> defaults = new TreeMap<>();
        for (Method m : RelayConfig.class.getDeclaredMethods()) {
            if (m.getDefaultValue() != null) defaults.put(m.getName(), String.valueOf(m.getDefaultValue()));
        }
        assertEquals(defaults.keySet(), new TreeSet<>(file.stringPropertyNames()), "the same keys");
        for (String key : defaults.keySet()) assertEquals(defaults.get(key), file.getProperty(key).strip(), key);
    }

    @Test
    void everyKeyOfTheShippedFileHasAComment() throws IOException {
        String previous = "";
        for (String line : Files.readAllLines(SHIPPED)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String key = line.substring(0, line.indexOf('=')).strip();
                boolean commented = previous.startsWith("#") || previous.matches("\\w+ = .*");
                assertEquals(true, commented, key + " has a comment above it");
            }
            previous = line;
        }
    }
}
