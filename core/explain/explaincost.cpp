// Explanation of the cost per token: the priced hardware over its serving lifetime, and the
// electricity of the token's energy.

#include "core/explain/explainer.h"

#include "core/explain/explainsupport.h"
#include "core/model/tokencost.h"

namespace tierlens {

using namespace explain;

Explanation explainCost(const Scenario& scenario, const Result& result)
{
    const Sources in(scenario, result);
    const TokenCost c = tokenCost(scenario, result);
    const CostSpec& k = scenario.cost;
    Explanation ex;
    ex.steps.push_back(step("Tokens generated per second by the whole system", "R = B / T_step",
        num(result.batch) + " / " + qty(result.totalLatencyS(), "s"), c.tokensPerS, "token/s"));
    std::vector<Item> items;
    for (const CapitalItem& item : c.capital)
        items.push_back({ item.what, "price × count", item.what, item.usd });
    ex.steps.push_back(sumStep("Capital cost of the priced hardware (GPUs, and the tiers the scenario "
                               "stores something on)",
        "C = N_GPU × P_GPU + Σ_t N_GPU × capacity_t × P_t", std::move(items), "USD"));
    ex.steps.push_back(step("Serving seconds over the amortisation period", "S = years × 3.156·10⁷ s × u",
        num(k.amortisationYears) + " × 3.156·10⁷ s × " + num(k.utilisation), c.lifetimeServingS, "s"));
    ex.steps.push_back(step("Hardware cost per million tokens", "c_cap = C / (S × R) × 10⁶",
        qty(c.capitalUsd, "USD") + " / (" + qty(c.lifetimeServingS, "s") + " × " + num(c.tokensPerS)
            + " token/s) × 10⁶",
        c.capitalUsdPerToken * 1e6, "USD"));
    ex.steps.push_back(step("Energy per token, with the background power drawn while idle",
        "E = E_token + E_background × (1 − u) / u",
        qty(result.totalEnergyJPerToken(), "J") + " + " + qty(result.energy(EnergyPart::Background), "J")
            + " × (1 − " + num(k.utilisation) + ") / " + num(k.utilisation),
        c.energyJPerToken, "J"));
    ex.steps.push_back(step("Electricity per million tokens", "c_E = E / 3.6·10⁶ J/kWh × price × 10⁶",
        qty(c.energyJPerToken, "J") + " / 3.6·10⁶ × " + num(k.powerUsdPerKWh) + " USD/kWh × 10⁶",
        c.energyUsdPerToken * 1e6, "USD"));
    ex.steps.push_back(step("Cost per million tokens", "c = c_cap + c_E",
        qty(c.capitalUsdPerToken * 1e6, "USD") + " + " + qty(c.energyUsdPerToken * 1e6, "USD"),
        c.usdPerMillionTokens(), "USD"));
    const std::string note = "Straight-line amortisation, no interest, no host, network, floor space or "
                             "staff; a price of 0 leaves that item out. Decode rate of this step only.";
    return complete(std::move(ex), in, "Cost per million tokens", note, c.usdPerMillionTokens());
}

} // namespace tierlens
