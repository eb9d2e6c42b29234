package io.github.dl4jvae.cli;

import io.github.dl4jvae.config.KlSchedule;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --kl-schedule}: {@code constant}, {@code linear:STEPS}, {@code cyclical:STEPS[:RAMP]} (RAMP the
 * fraction of each cycle spent ramping, default 0.5) or {@code capacity:NATS:STEPS:GAMMA}; see {@link KlSchedule}.
 */
final class KlScheduleConverter implements ITypeConverter<KlSchedule> {
    static final String FORMS = "constant, linear:STEPS, cyclical:STEPS[:RAMP] or capacity:NATS:STEPS:GAMMA";

    @Override
    public KlSchedule convert(String value) {
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            return switch (parts[0]) {
                case "constant" -> arity(parts, 1, 1, value, KlSchedule.CONSTANT);
                case "linear" -> arity(parts, 2, 2, value, KlSchedule.linear(Long.parseLong(parts[1])));
                case "cyclical" -> arity(parts, 2, 3, value, KlSchedule.cyclical(Long.parseLong(parts[1]),
                        parts.length == 3 ? Double.parseDouble(parts[2]) : 0.5));
                case "capacity" -> arity(parts, 4, 4, value, KlSchedule.capacity(Double.parseDouble(parts[1]),
                        Long.parseLong(parts[2]), Double.parseDouble(parts[3])));
                default -> throw new TypeConversionException("'" + value + "' is not a KL schedule; expected " + FORMS);
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + value + "' is not a KL schedule: a number is missing or malformed;"
                    + " expected " + FORMS);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
    }

    private static KlSchedule arity(String[] parts, int min, int max, String value, KlSchedule schedule) {
        if (parts.length < min || parts.length > max) {
            throw new TypeConversionException("'" + value + "' has " + (parts.length - 1) + " numbers; expected " + FORMS);
        }
        return schedule;
    }
}
