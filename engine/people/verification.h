#pragma once
// The verification suite of the movement model: small networks with a hand-calculated answer
// (IMO MSC.1/Circ.1533 Annex 3 component tests as adapted for hydraulic models, door and stair
// flows, walking at a congested density, the SFPE Handbook's nine-storey office, RiMEA-style
// cases). `drilltwin verify` prints them as a table and tests/verification/ runs them in ctest.
// Every expected value is derived by hand in docs/validation.md.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/people/crowd_model.h"

namespace dt {

struct VerificationCase {
  std::string name;      ///< dotted, e.g. "imo.4.passage_time"; --filter matches a substring
  std::string what;      ///< one line: the set-up
  std::string source;    ///< where the expected value comes from
  std::string unit;      ///< "s", "p/s", "-"
  double expected = 0;   ///< the hand value
  double low = 0;        ///< pass when low <= result <= high
  double high = 0;
  std::function<double()> run;  ///< runs the model and returns the result
};

struct VerificationOutcome {
  double result = 0;
  bool pass = false;
};

/// Every case, in the order docs/validation.md lists them.
[[nodiscard]] std::vector<VerificationCase> verification_cases();

/// Runs one case.
[[nodiscard]] VerificationOutcome run_verification_case(const VerificationCase& c);

/// Small networks the cases (and the unit tests) are made of. Node 0 is always where the crowd
/// starts; safe nodes are assembly points.
namespace verification_networks {

/// start —(kind, length, width)→ safe. The start node has `start_area_m2`.
[[nodiscard]] std::shared_ptr<NavGraph> corridor(double length_m, double width_m, LinkKind kind = LinkKind::Opening,
                                                 double start_area_m2 = 1000.0);

/// A room of `area_m2` (node 0) with one Exit link of `width_m` and `length_m` per entry of
/// `exit_lengths_m`, each to its own safe node.
[[nodiscard]] std::shared_ptr<NavGraph> room_with_exits(double area_m2, double width_m,
                                                        const std::vector<double>& exit_lengths_m);

/// A room (node 0, 1000 m²) at the top of `flights` flights of a stair (each rising
/// `storey_height_m`, steps riser/tread, clear width `width_m`), landings of `landing_area_m2`
/// between flights, the bottom flight ending in a safe node.
[[nodiscard]] std::shared_ptr<NavGraph> stair(int flights, double width_m, double riser_m, double tread_m,
                                              double storey_height_m, double landing_area_m2);

/// The SFPE Handbook's nine-storey office (see docs/validation.md): floors 2–9 with 300 people
/// each, two stairs 44 in wide (7/11 in steps, 12 ft storeys), 36 in doors, 20 m from the
/// floor's people to each stair. Floor nodes are labelled "F<n>".
[[nodiscard]] std::shared_ptr<NavGraph> nine_storey_office();
/// The node of floor `floor` (2..9) of nine_storey_office().
[[nodiscard]] NodeId office_floor(const NavGraph& office, int floor);

}  // namespace verification_networks

}  // namespace dt
