package vn.dvc.core.fees;

import java.util.Objects;

/**
 * An applicant's claim to belong to a category that may be exempt, with how far it is proven.
 * A claim proven by a document is proven through the dossier's received components
 * ({@link FeeRequest#receivedComponents()}), not here.
 *
 * @param registerConfirmed a national register (population, social protection...) confirmed it
 */
public record CategoryClaim(String category, boolean registerConfirmed) {
    public CategoryClaim {
        Objects.requireNonNull(category, "category");
    }

    public static CategoryClaim declared(String category) {
        return new CategoryClaim(category, false);
    }

    public static CategoryClaim confirmedByRegister(String category) {
        return new CategoryClaim(category, true);
    }
}
