#pragma once
// Observed drills as CSV (docs/calibration.md, "Drill records"): what `drilltwin calibrate` fits a
// scenario to. Two forms, told apart by the header:
//
//   per person or group  drill,building,floor,group,count,alarm,start,exit,safe
//                        one row per person (count 1) or per group of `count` people who did the
//                        same; `start` (moved off), `exit` (out of the building) and `safe` (at
//                        the scenario's safe place) may each be empty (not observed); at least one
//                        of the three columns must be there.
//   door counter         drill,building,floor,alarm,time,count
//                        `count` people left the floor (or, with `floor` empty, the building) in
//                        the interval that ends at `time` (since the stream's previous row, or the
//                        alarm for its first row).
//
// Times are clock times "HH:MM:SS[.s]" or plain numbers of seconds on the same clock (seconds after
// midnight, or after any origin the whole file shares); a time more than 12 h before its row's
// alarm is on the next day. Every time is stored relative to its row's alarm. Every problem is
// an InputError at file:line:col (the column of the offending cell), all of them at once.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/kernel/input_error.h"

namespace dt {

/// What an observed time measures, since the alarm the person heard.
enum class DrillMeasure : uint8_t {
  Start,       ///< pre-movement: the alarm → he starts to move
  LeftFloor,   ///< the alarm → he leaves his floor (door counter on a floor)
  LeftBuilding,///< the alarm → he is out of his building (`exit`, or a door counter on the building)
  Safe,        ///< the alarm → he reaches the scenario's safe place (`safe`)
};
inline constexpr std::size_t kDrillMeasureCount = 4;
[[nodiscard]] const char* to_string(DrillMeasure m) noexcept;

/// One observation: `count` people measured `seconds` after their alarm.
struct DrillObservation {
  uint32_t drill = 0;     ///< index into DrillRecords::drills
  DrillMeasure measure = DrillMeasure::LeftBuilding;
  std::string building;   ///< as written
  int32_t floor = -1;     ///< −1: not given (the whole building)
  double seconds = 0.0;   ///< since the alarm [s, ≥ 0]
  double count = 1.0;     ///< people [> 0]
  /// Door counter: the people passed evenly over (interval_start, seconds]; −1: all at `seconds`.
  double interval_start = -1.0;
  SourcePos building_pos; ///< for "unknown building"
  SourcePos floor_pos;    ///< for "no such floor"
};

struct DrillRecords {
  std::string file;
  bool door_counter = false;        ///< the file is in the door-counter form
  std::vector<std::string> drills;  ///< drill names in order of first appearance
  std::vector<DrillObservation> observations;
};

/// Reads a drill-records CSV. Throws InputError listing every problem (missing or unknown columns,
/// unparsable or non-finite times and counts, times out of order, a file with a header only).
[[nodiscard]] DrillRecords read_drill_records(const std::string& path);

/// The same from text already in memory; positions name `source_name`.
[[nodiscard]] DrillRecords parse_drill_records(const std::string& text, const std::string& source_name);

/// One synthetic person for write_drill_records: times since the scenario start [s]; NaN = not observed.
struct DrillPersonRow {
  std::string drill;
  std::string building;
  int32_t floor = -1;
  std::string group;
  double alarm_s = 0, start_s = 0, exit_s = 0, safe_s = 0;
};

/// The per-person CSV text of `rows` (header included), times as clock times "HH:MM:SS.s" after
/// `start_clock_s` (the scenario's start time, seconds after midnight), preceded by `comment`
/// lines ("# …"), which the reader skips.
[[nodiscard]] std::string drill_records_csv(const std::vector<DrillPersonRow>& rows, double start_clock_s,
                                            const std::vector<std::string>& comment);

}  // namespace dt
