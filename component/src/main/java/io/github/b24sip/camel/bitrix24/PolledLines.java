package io.github.b24sip.camel.bitrix24;

import io.github.b24sip.camel.bitrix24.client.SipApi;
import io.github.b24sip.camel.bitrix24.model.ItemResult;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One poll's read of a portal: its cloud lines (get), and the registration status of each that has a registration
 * (status in batches), each status under its line's CONFIG_ID.
 *
 * @param lines    the cloud lines, without those deleted while the poll read them
 * @param statuses the status read of each registered line, by CONFIG_ID
 */
record PolledLines(List<SipLine> lines, Map<Integer, ItemResult<SipRegistrationStatus>> statuses) {

    static final String REG_ID_NOT_FOUND = "REG_ID_NOT_FOUND";

    /**
     * Reads the lines and their statuses. REG_ID_NOT_FOUND also answers for a line deleted between the get and the
     * status: those lines are looked up once more, and the ones gone are left out (a removal, not a registration
     * error).
     */
    static PolledLines read(SipApi api) {
        Map<String, Object> cloud = new HashMap<>();
        cloud.put("TYPE", "cloud");
        List<SipLine> lines = api.get(cloud, null);
        Map<Integer, Long> regIds = new LinkedHashMap<>();
        lines.stream().filter(l -> !l.hasNoRegistration()).forEach(l -> regIds.put(l.configId(), l.regId()));
        Map<Integer, ItemResult<SipRegistrationStatus>> statuses =
                regIds.isEmpty() ? new LinkedHashMap<>() : new LinkedHashMap<>(api.statusEach(regIds));
        Set<Integer> notFound = statuses.entrySet().stream()
                .filter(s -> !s.getValue().isSuccess()
                        && REG_ID_NOT_FOUND.equals(s.getValue().error().getErrorCode()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (notFound.isEmpty()) {
            return new PolledLines(lines, statuses);
        }
        Map<String, Object> filter = new HashMap<>();
        filter.put("CONFIG_ID", List.copyOf(notFound));
        Set<Integer> stillThere =
                api.get(filter, null).stream().map(SipLine::configId).collect(Collectors.toSet());
        Set<Integer> gone =
                notFound.stream().filter(id -> !stillThere.contains(id)).collect(Collectors.toSet());
        statuses.keySet().removeAll(gone);
        return new PolledLines(
                lines.stream().filter(l -> !gone.contains(l.configId())).toList(), statuses);
    }
}
