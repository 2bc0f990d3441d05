package vn.dvc.core.intake;

import java.util.Optional;
import vn.dvc.core.catalog.Procedure;

/** Where the current version of a procedure comes from (operator-published versions win over the bundled catalog). */
public interface ProcedureSource {
    Optional<Procedure> current(String code);

    Optional<Procedure> version(String code, int version);
}
