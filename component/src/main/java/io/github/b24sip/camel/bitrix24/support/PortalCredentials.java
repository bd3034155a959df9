package io.github.b24sip.camel.bitrix24.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which way a portal authenticates, checked once for every place that describes one: the component's options and an
 * application's own portal settings (the routes app's {@code b24sip.portals.*}, its portal API, an install). Webhook
 * auth is a user id and a token; OAuth auth a client id, a client secret and tokens (or a token store holding them);
 * never both, never neither. A refusal names the option at fault, and says why in the caller's own names for the
 * options ({@link Refused#reason}), never quoting a value.
 */
public final class PortalCredentials {

    /** How a portal authenticates. */
    public enum Kind {
        WEBHOOK,
        OAUTH
    }

    /** The credential options, by the component's names ({@link #optionName}), in the order messages list them. */
    public enum Option {
        USER_ID,
        TOKEN,
        CLIENT_ID,
        CLIENT_SECRET,
        ACCESS_TOKEN,
        REFRESH_TOKEN;

        /** The component's option name: {@code userId}, {@code clientSecret}, ... */
        public String optionName() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder name = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return name.toString();
        }
    }

    /** Credentials that cannot work: the option at fault, and why. */
    public static final class Refused extends IllegalArgumentException {

        private final Option option;
        private final String pattern;
        private final Option[] named;

        private Refused(Option option, String pattern, Option... named) {
            super(render(pattern, named, Option::optionName));
            this.option = option;
            this.pattern = pattern;
            this.named = named;
        }

        /** The option to give or clear. */
        public Option option() {
            return option;
        }

        /** Why, naming the options as {@code names} calls them (the component: {@link Option#optionName}). */
        public String reason(Function<Option, String> names) {
            return render(pattern, named, names);
        }

        private static String render(String pattern, Option[] named, Function<Option, String> names) {
            return String.format(pattern, Arrays.stream(named).map(names).toArray());
        }
    }

    private PortalCredentials() {}

    /**
     * The kind the given credentials describe; throws {@link Refused} when they are incomplete, mixed or missing.
     *
     * @param given      each option's value as the caller holds it (null or blank: unset)
     * @param tokenStore whether a token store may hold an OAuth portal's tokens
     */
    public static Kind check(Function<Option, String> given, boolean tokenStore) {
        boolean webhook = set(given, Option.USER_ID) || set(given, Option.TOKEN);
        boolean oauth = set(given, Option.CLIENT_ID)
                || set(given, Option.CLIENT_SECRET)
                || set(given, Option.ACCESS_TOKEN)
                || set(given, Option.REFRESH_TOKEN);
        if (webhook && oauth) {
            throw new Refused(
                    Option.CLIENT_ID,
                    "give either webhook auth (%s, %s) or OAuth auth (%s, %s, %s, %s), not both",
                    Option.values());
        }
        if (webhook) {
            if (!set(given, Option.USER_ID) || !set(given, Option.TOKEN)) {
                throw new Refused(
                        set(given, Option.USER_ID) ? Option.TOKEN : Option.USER_ID,
                        "webhook auth needs both %s and %s",
                        Option.USER_ID,
                        Option.TOKEN);
            }
            return Kind.WEBHOOK;
        }
        if (oauth) {
            if (!set(given, Option.CLIENT_ID) || !set(given, Option.CLIENT_SECRET)) {
                throw new Refused(
                        set(given, Option.CLIENT_ID) ? Option.CLIENT_SECRET : Option.CLIENT_ID,
                        "OAuth auth needs %s and %s",
                        Option.CLIENT_ID,
                        Option.CLIENT_SECRET);
            }
            if (!set(given, Option.ACCESS_TOKEN) && !set(given, Option.REFRESH_TOKEN) && !tokenStore) {
                throw new Refused(
                        Option.REFRESH_TOKEN,
                        "OAuth auth needs %s and %s (the tokens its install issued), or a token store holding them",
                        Option.ACCESS_TOKEN,
                        Option.REFRESH_TOKEN);
            }
            return Kind.OAUTH;
        }
        throw new Refused(
                Option.USER_ID,
                "no credentials; set %s and %s (webhook) or %s, %s, %s and %s (OAuth application)",
                Option.values());
    }

    private static boolean set(Function<Option, String> given, Option option) {
        String value = given.apply(option);
        return value != null && !value.isBlank();
    }
}
