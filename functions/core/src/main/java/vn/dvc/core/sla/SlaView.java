package vn.dvc.core.sla;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.dvc.core.dossier.Dossier;

/**
 * The SLA monitor's fields as dossier reads show them (status-api, the agency work queue): {@code overdue}
 * (false until flagged), {@code dueSoonWarnedAt} (null until warned) and {@code apology} (null until issued).
 */
public final class SlaView {
    private SlaView() {}

    public static Map<String, Object> fields(Dossier d) {
        Map<String, Object> a = d.attributes() == null ? Map.of() : d.attributes();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overdue", Boolean.TRUE.equals(a.get("overdue")));
        // an explicit JSON null (the project's mapper leaves Java nulls out): the contract spells these fields out
        m.put("dueSoonWarnedAt", a.get("dueSoonWarnedAt") == null ? NullNode.getInstance() : a.get("dueSoonWarnedAt").toString());
        m.put("apology", a.get("apology") == null ? NullNode.getInstance() : a.get("apology"));
        return m;
    }
}
