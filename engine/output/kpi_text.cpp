#include "engine/output/kpi_text.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

namespace dt {

namespace {

// The catalogue: every KPI a model declares (people/evacuation.cpp, dispatch/dispatch_model.cpp,
// dispatch/service_desk.cpp, sim/emergency_replication.cpp), exact names first, then the families
// built from names. The English description is the definition's own (it may say more, e.g. which
// model measured it); the Chinese one says the same in the words of Chinese fire-safety practice
// (疏散, 安全区, 预动作时间, 消防电梯) and of property service (报事, 工单, 派单, 响应时间, 办结).
constexpr std::array kCatalogue = std::to_array<KpiTextPattern>({
    // people/evacuation.cpp: the walking residents.
    {"evacuation.total_time_s", "evacuation time (RSET)", "疏散时间（RSET）",
     "从报警到最后一名能自行行走的居民到达安全区的时间（所需安全疏散时间）"},
    {"evacuation.evacuated_fraction", "share evacuated", "疏散完成比例", "到达安全区的居民占在场居民的比例"},
    {"evacuation.residents_present", "residents present", "在场居民人数", "报警时在家的居民人数"},
    {"evacuation.awaiting_assistance", "residents needing assistance", "需协助疏散人数",
     "无法自行疏散、须等待工作人员协助的居民人数"},
    {"evacuation.stranded", "residents stranded", "滞留未疏散人数", "能自行行走但未到达安全区的居民人数"},
    {"evacuation.mean_premovement_s", "mean pre-movement time", "平均预动作时间", "自行疏散居民的平均预动作时间"},
    {"evacuation.familiar_residents", "residents using their usual exit", "按常用出口疏散人数",
     "只熟悉本楼常用出口、按常用出口疏散的自行疏散居民人数（exit_choice: familiar）"},
    {"evacuation.stair_assigned_residents", "residents with an assigned stair", "按指定楼梯疏散人数",
     "所在楼层被指定使用某一楼梯的自行疏散居民人数（evacuation.stairs）"},
    {"evacuation.route_fallbacks", "residents who changed to the shortest way", "改走最短路线人数",
     "常用出口或指定楼梯不可达、改走最短疏散路线的居民人数"},
    {"evacuation.building.*.total_time_s", "building {1} evacuation time", "楼栋 {1} 疏散完成时间",
     "从报警到楼栋 {1} 最后一名自行疏散的居民到达安全区的时间"},
    {"evacuation.building.*.clear_time_s", "building {1} clear time", "楼栋 {1} 清空时间",
     "从报警到楼栋 {1} 最后一名自行疏散的居民离开该楼的时间"},
    {"evacuation.building.*.floor.*.clear_time_s", "building {1} floor {2} clear time", "楼栋 {1} 第 {2} 层清空时间",
     "从报警到楼栋 {1} 第 {2} 层最后一名自行疏散的居民进入楼梯间或到达首层门厅的时间"},
    {"evacuation.exit.*.count", "persons through exit {1}", "出口 {1} 通过人数", "经出口 {1} 疏散的人数"},
    {"evacuation.exit.*.peak_flow_pps", "exit {1} peak flow", "出口 {1} 峰值流量",
     "任一时间窗内经出口 {1} 的最大人流量（人/秒）"},
    {"evacuation.stair.*.peak_queue", "stair {1} peak queue", "楼梯 {1} 最大排队人数",
     "同一时刻在楼梯 {1} 入口或梯段上等待的最多人数"},

    // people/evacuation.cpp, where the time goes: the last resident out and the mean resident
    // (site and building), and the queues at stairs and exits.
    {"evacuation.site.last_detection_s", "site last out: detection and alarm", "全场最后疏散者探测与报警时间",
     "全场最后一名到达安全区的居民从起火到听到警报的时间（无火灾时为 0）"},
    {"evacuation.site.last_premovement_s", "site last out: pre-movement", "全场最后疏散者预动作时间",
     "全场最后一名到达安全区的居民从听到警报到开始行动的时间"},
    {"evacuation.site.last_walking_s", "site last out: walking", "全场最后疏散者行走时间",
     "全场最后一名到达安全区的居民以自由速度或受人群密度限制的速度行走的时间"},
    {"evacuation.site.last_queuing_s", "site last out: queuing", "全场最后疏散者排队时间",
     "全场最后一名到达安全区的居民在门、楼梯和出口处因通行能力或前方空间不足而等待的时间"},
    {"evacuation.site.mean_detection_s", "site mean detection and alarm", "全场平均探测与报警时间",
     "全场到达安全区的居民平均从起火到听到警报的时间（无火灾时为 0）"},
    {"evacuation.site.mean_premovement_s", "site mean pre-movement", "全场平均预动作时间",
     "全场到达安全区的居民平均从听到警报到开始行动的时间"},
    {"evacuation.site.mean_walking_s", "site mean walking", "全场平均行走时间",
     "全场到达安全区的居民平均以自由速度或受人群密度限制的速度行走的时间"},
    {"evacuation.site.mean_queuing_s", "site mean queuing", "全场平均排队时间",
     "全场到达安全区的居民平均在门、楼梯和出口处因通行能力或前方空间不足而等待的时间"},
    {"evacuation.building.*.last_detection_s", "building {1} last out: detection and alarm",
     "楼栋 {1} 最后疏散者探测与报警时间", "楼栋 {1} 最后一名到达安全区的居民从起火到听到警报的时间（无火灾时为 0）"},
    {"evacuation.building.*.last_premovement_s", "building {1} last out: pre-movement", "楼栋 {1} 最后疏散者预动作时间",
     "楼栋 {1} 最后一名到达安全区的居民从听到警报到开始行动的时间"},
    {"evacuation.building.*.last_walking_s", "building {1} last out: walking", "楼栋 {1} 最后疏散者行走时间",
     "楼栋 {1} 最后一名到达安全区的居民以自由速度或受人群密度限制的速度行走的时间"},
    {"evacuation.building.*.last_queuing_s", "building {1} last out: queuing", "楼栋 {1} 最后疏散者排队时间",
     "楼栋 {1} 最后一名到达安全区的居民在门、楼梯和出口处因通行能力或前方空间不足而等待的时间"},
    {"evacuation.building.*.mean_detection_s", "building {1} mean detection and alarm", "楼栋 {1} 平均探测与报警时间",
     "楼栋 {1} 到达安全区的居民平均从起火到听到警报的时间（无火灾时为 0）"},
    {"evacuation.building.*.mean_premovement_s", "building {1} mean pre-movement", "楼栋 {1} 平均预动作时间",
     "楼栋 {1} 到达安全区的居民平均从听到警报到开始行动的时间"},
    {"evacuation.building.*.mean_walking_s", "building {1} mean walking", "楼栋 {1} 平均行走时间",
     "楼栋 {1} 到达安全区的居民平均以自由速度或受人群密度限制的速度行走的时间"},
    {"evacuation.building.*.mean_queuing_s", "building {1} mean queuing", "楼栋 {1} 平均排队时间",
     "楼栋 {1} 到达安全区的居民平均在门、楼梯和出口处因通行能力或前方空间不足而等待的时间"},
    {"evacuation.stair.*.queue_time_s", "stair {1} time with a queue", "楼梯 {1} 排队持续时间",
     "楼梯 {1} 处至少有一人等待的总时间"},
    {"evacuation.stair.*.wait_person_s", "stair {1} waiting, added up", "楼梯 {1} 累计等待时间",
     "楼梯 {1} 处所有人等待时间之和（人·秒）"},
    {"evacuation.stair.*.queue_end_s", "stair {1} queue gone", "楼梯 {1} 排队消散时刻",
     "楼梯 {1} 处排队最后一次清空的时刻（从未排队时无定义）"},
    {"evacuation.exit.*.peak_queue", "exit {1} peak queue", "出口 {1} 最大排队人数",
     "同一时刻在出口 {1} 等待通过的最多人数"},
    {"evacuation.exit.*.queue_time_s", "exit {1} time with a queue", "出口 {1} 排队持续时间",
     "出口 {1} 处至少有一人等待的总时间"},
    {"evacuation.exit.*.wait_person_s", "exit {1} waiting, added up", "出口 {1} 累计等待时间",
     "出口 {1} 处所有人等待时间之和（人·秒）"},
    {"evacuation.exit.*.queue_end_s", "exit {1} queue gone", "出口 {1} 排队消散时刻",
     "出口 {1} 处排队最后一次清空的时刻（从未排队时无定义）"},
    // people/evacuation.cpp, population groups (scenarios with `evacuation.population.groups`).
    {"evacuation.group.*.present", "group {1} present", "人群 {1} 在场人数", "报警时在家的人群 {1} 成员人数"},
    {"evacuation.group.*.total_time_s", "group {1} evacuation time", "人群 {1} 疏散完成时间",
     "从报警到人群 {1} 最后一名能自行行走的成员到达安全区的时间"},
    {"evacuation.group.*.evacuated_fraction", "group {1} share evacuated", "人群 {1} 疏散完成比例",
     "人群 {1} 在场成员中到达安全区的比例"},

    // sim/emergency_replication.cpp: detection, hazards, assistance, lifts, medical calls, floods.
    {"detection.time_to_alarm_s", "time to alarm", "起火至报警时间", "从起火到居民首次听到火灾警报的时间"},
    {"detection.time_to_detection_s", "time to detection", "起火至探测时间",
     "从起火到第一个火灾探测器发出信号（含误报）的时间"},
    {"detection.by_sensor", "alarm raised by a detector", "探测器触发报警",
     "由火灾探测器触发报警记为 1，由兜底报警或预设报警触发记为 0"},
    {"detection.false_alarms", "false alarms", "误报次数", "运行期间的火灾误报次数"},
    {"hazard.smoke_nodes", "places reached by smoke", "烟气波及区域数", "运行期间烟气到达的区域（网络节点）数"},
    {"hazard.untenable_nodes", "places untenable", "不可耐受区域数", "运行期间变为不可耐受或无法通行的区域数"},
    {"hazard.cut_off", "residents cut off", "疏散路线被切断人数", "已没有可通行路线到达安全区的居民人数"},
    {"hazard.rerouted", "re-routings", "改道次数", "居民因原路线被封闭而改走其他路线的次数"},
    {"assistance.residents", "residents awaiting assistance", "待协助居民人数", "等待工作人员协助疏散的居民人数"},
    {"assistance.rescued", "assisted to safety", "协助疏散获救人数", "其中由工作人员送至安全区的人数"},
    {"assistance.unreachable", "not reached by staff", "未能救援人数", "其中在工作人员到达前已被切断的人数"},
    {"assistance.by_fire_lift", "rescues by fire lift", "消防电梯救援次数", "使用消防电梯完成的救援次数"},
    {"assistance.by_carry", "rescues by carrying", "楼梯抬运救援次数", "沿楼梯抬运下楼完成的救援次数"},
    {"assistance.mean_time_s", "mean assisted evacuation time", "协助疏散平均时间", "受协助居民到达安全区的平均时刻"},
    {"assistance.total_time_s", "last assisted resident safe", "协助疏散完成时间",
     "最后一名受协助居民到达安全区的时刻（有人始终未获救时为 NaN）"},
    {"assistance.sweep_time_s", "floor-by-floor search done", "逐层搜寻完成时间", "着火楼栋各楼层均完成搜寻检查的时刻"},
    {"assistance.by_guards", "rescues by the site's guards", "本小区保安救援人数", "由小区保安送至安全区的受协助居民人数"},
    {"responders.*.response_s", "{1} response time", "{1} 响应时间", "从需要救援（工作人员接警或医疗急症发生）到 {1} 到达大门的平均时间，含报警延迟"},
    {"responders.*.rescued", "rescues by the {1}", "{1} 救援人数", "由 {1} 送至安全区的受协助居民人数"},
    {"emergency.safe_fraction", "share safe", "安全疏散比例", "到达安全区（自行或受协助）的居民占在场居民的比例"},
    {"emergency.all_safe_time_s", "all residents safe", "全部居民到达安全区",
     "所有人（自行或受协助）到达安全区的时刻（未全部到达时为 NaN）"},
    {"elevator.recall_time_s", "lift recall time", "电梯迫降时间", "从首次报警到最后一部迫降的电梯轿厢到达首层的时间"},
    {"elevator.entrapments", "lift entrapments", "电梯困人次数", "载有乘客时停驶的电梯轿厢数"},
    {"elevator.trapped_persons", "persons trapped in lifts", "电梯被困人数", "被困在电梯轿厢内的乘客人数"},
    {"elevator.rescue_response_s", "lift rescue response time", "电梯困人救援响应时间",
     "平均值：从报告困人到救援人员到达现场的时间"},
    {"elevator.rescue_within_30min_fraction", "lift rescues on site within 30 min", "困人救援 30 分钟内到达率",
     "救援人员在 30 分钟内到达现场的困人事件占比（TSG T5002-2017）"},
    {"elevator.release_time_s", "time to free trapped riders", "困人解救时间",
     "平均值：从轿厢停驶到乘客全部撤出的时间"},
    {"medical.response_time_s", "medical response time", "医疗急救响应时间",
     "平均值：从报告医疗急症到安保人员到达现场的时间"},
    {"flood.time_to_signal_s", "time to leak signal", "爆管至漏水报警时间", "从水管爆裂到漏水探测器发出信号的时间"},
    {"flood.impassable_nodes", "places flooded impassable", "积水不可通行区域数",
     "运行期间积水深度超过不可通行深度的区域数"},

    // dispatch/dispatch_model.cpp and dispatch/service_desk.cpp: work orders and staff.
    {"dispatch.incidents", "incidents", "工单数", "统计期内的报事工单数"},
    {"dispatch.response_time_s", "mean response time", "平均响应时间",
     "从报事到工作人员响应（到达现场；服务台模型为接单）的平均时间"},
    {"dispatch.within_15min_fraction", "reached within 15 min", "15 分钟内到达率",
     "报事后 15 分钟内得到响应的工单占比"},
    {"dispatch.within_30min_fraction", "reached within 30 min", "30 分钟内到达率",
     "报事后 30 分钟内得到响应的工单占比"},
    {"dispatch.within_sla_fraction", "reached within target", "时限内到达率", "在本类工单响应时限内到达现场的工单占比"},
    {"dispatch.resolution_time_s", "mean resolution time", "平均办结时间", "从报事到处理完毕的平均时间"},
    {"dispatch.waited_fraction", "share that waited", "等待派单比例", "报事时未能立即派单（人员均忙）的工单占比"},
    {"dispatch.staff_utilization", "staff utilisation", "人员利用率", "人员忙碌时间（在途与作业）占在岗时间的比例"},
    {"dispatch.backlog_at_close", "backlog at close", "停止受理时积压工单数", "停止新增报事时已报告但尚未派单的工单数"},
    {"dispatch.max_backlog", "largest backlog", "最大积压工单数", "同一时刻等待派单的已报告工单的最大数量"},
    {"dispatch.distance_walked_km", "distance walked by staff", "人员步行总距离",
     "全部工作人员处理工单与巡检的步行总距离（公里）"},
    {"dispatch.preemptions", "pre-emptions", "抢占次数", "低优先级工作被紧急事件中断的次数"},
    // dispatch/dispatch_model.cpp: the roster's staff called away by an emergency (assistance.from_roster).
    {"emergency.staff.pulled", "staff called to the emergency", "抽调应急人员数",
     "警报时在岗、被从工单上抽调去应急处置的名册人员人数"},
    {"emergency.staff.back_s", "last staff member back", "应急人员全部归队时间",
     "从通知工作人员到最后一名被抽调人员回到派单岗位的时间"},
    {"dispatch.emergency.interrupted", "work orders interrupted", "被中断工单数",
     "因应急抽调而中断的工单数（正在现场处理或正在前往途中）"},
    {"dispatch.emergency.resumed", "interrupted orders resumed", "中断后恢复完成的工单数",
     "被中断的工单中，在运行时长内完成被中断那次上门的数量"},
    {"dispatch.emergency.delay_s", "delay of interrupted orders", "中断工单平均延误",
     "恢复完成的中断工单：实际完成时刻减去未发生应急时应完成的时刻，取平均"},
    {"dispatch.emergency.backlog_peak", "peak backlog while staff were away", "抽调期间最大积压工单数",
     "从通知工作人员到最后一名人员归队期间，已报事但未派单的最多工单数"},
    {"dispatch.emergency.sla_missed", "orders missing their target while staff were away", "抽调期间超时工单数",
     "响应时限截止时刻落在通知工作人员至最后一人归队之间、且未在时限内到场的计入工单数"},
    {"dispatch.role.*.utilization", "{1} utilisation", "{1} 岗位人员利用率", "{1} 岗位人员的忙碌时间占在岗时间的比例"},
    {"dispatch.priority.*.incidents", "{1} incidents", "{1} 级工单数", "统计期内优先级为 {1} 的工单数"},
    {"dispatch.priority.*.response_time_s", "{1} mean response time", "{1} 级工单平均响应时间",
     "优先级 {1} 的工单从报事到工作人员到达现场的平均时间"},
    {"dispatch.priority.*.within_15min_fraction", "{1} reached within 15 min", "{1} 级工单 15 分钟内到达率",
     "优先级 {1} 的工单中报事后 15 分钟内到达现场的占比"},
    {"dispatch.priority.*.within_30min_fraction", "{1} reached within 30 min", "{1} 级工单 30 分钟内到达率",
     "优先级 {1} 的工单中报事后 30 分钟内到达现场的占比"},
    {"dispatch.priority.*.within_sla_fraction", "{1} reached within target", "{1} 级工单时限内到达率",
     "优先级 {1} 的工单中在其类型响应时限内到达现场的占比"},
    {"dispatch.priority.*.resolution_time_s", "{1} mean resolution time", "{1} 级工单平均办结时间",
     "优先级 {1} 的工单从报事到处理完毕的平均时间"},
    {"dispatch.type.*.incidents", "{1} incidents", "{1} 类工单数", "统计期内 {1} 类工单数"},
    {"dispatch.type.*.response_time_s", "{1} mean response time", "{1} 类工单平均响应时间",
     "{1} 类工单从报事到工作人员到达现场的平均时间"},
    {"dispatch.type.*.within_15min_fraction", "{1} reached within 15 min", "{1} 类工单 15 分钟内到达率",
     "{1} 类工单中报事后 15 分钟内到达现场的占比"},
    {"dispatch.type.*.within_30min_fraction", "{1} reached within 30 min", "{1} 类工单 30 分钟内到达率",
     "{1} 类工单中报事后 30 分钟内到达现场的占比"},
    {"dispatch.type.*.within_sla_fraction", "{1} reached within target", "{1} 类工单时限内到达率",
     "{1} 类工单中在响应时限内到达现场的占比"},
    {"dispatch.type.*.resolution_time_s", "{1} mean resolution time", "{1} 类工单平均办结时间",
     "{1} 类工单从报事到处理完毕的平均时间"},
    {"dispatch.type.*.found_by_patrol_fraction", "{1} found by patrol", "{1} 类故障巡检发现率",
     "{1} 类潜在故障中由巡检先发现的比例"},
    {"dispatch.type.*.detection_time_s", "{1} mean time to detection", "{1} 类故障平均发现时间",
     "{1} 类潜在故障从发生到报告的平均时间"},
    {"dispatch.store.*.stockouts", "{1} store stock-outs", "{1} 储备缺货次数", "取用时发现 {1} 应急储备已空的工作次数"},
    {"dispatch.store.*.min_stock", "{1} store lowest stock", "{1} 储备最低库存", "{1} 应急储备在运行期间的最低库存"},

    // dispatch/dispatch_model.cpp, service quality ("1+3+N", first-time fix, complaints, key facilities) and cost.
    {"dispatch.accept_time_s", "mean time to accept", "平均接单时间", "从报事到调度员受理（接单）的平均时间"},
    {"dispatch.accepted_within_1min_fraction", "accepted within 1 min", "1 分钟内接单率",
     "报事后 1 分钟内被调度员受理的工单占比（“1+3+N”中的 1 分钟响应）"},
    {"dispatch.dispatch_time_s", "mean time to dispatch", "平均派单时间", "从报事到派单给工作人员的平均时间"},
    {"dispatch.dispatched_within_3min_fraction", "dispatched within 3 min", "3 分钟内派单率",
     "报事后 3 分钟内派单给工作人员的工单占比（“1+3+N”中的 3 分钟派单）"},
    {"dispatch.first_time_fix_fraction", "first-time-fix rate", "一次修复率", "已修复的工单中首次上门即修好的占比"},
    {"dispatch.revisits", "revisits", "返修次数", "上门后未能修好、需再次上门的次数"},
    {"dispatch.type.*.closure_working_days", "{1} mean closure in working days", "{1} 类平均办结工作日",
     "{1} 类工单从报事到办结所经过的平均工作日数（只计工作日的工作时间）"},
    {"dispatch.type.*.closed_within_target_fraction", "{1} closed within target", "{1} 类按期办结率",
     "{1} 类工单在规定工作日内办结的占比"},
    {"facility.availability", "key-facility availability", "关键设施完好率", "全部关键设施处于完好（可用）状态的时间占比"},
    {"facility.*.availability", "{1} availability", "{1} 完好率", "{1} 设施处于完好（可用）状态的时间占比"},
    {"facility.*.failures", "{1} failures", "{1} 故障次数", "统计期内 {1} 设施发生故障的次数"},
    {"cost.labour_per_day", "labour cost per day", "日人力成本",
     "每天全部在册排班人员的工资（无论忙闲），含夜班、周末与加班补贴（元）"},
    {"cost.labour_per_incident", "labour cost per incident", "单件工单人力成本", "人力成本除以统计期内的工单数（元）"},
    {"cost.material", "material cost per day", "日材料成本", "每天已修复工单消耗的材料费用（元）"},
    {"cost.total_per_day", "total cost per day", "日总成本", "每天人力成本与材料成本之和（元）"},
    {"cost.overtime_hours_per_day", "overtime hours per day", "日加班工时", "每天工作人员在班次结束后继续工作的小时数"},
});

// A pattern split at its dots once, at first use: literal segments and `*`.
struct Compiled {
  std::vector<std::string_view> segments;
  const KpiTextPattern* entry = nullptr;
};

struct Index {
  std::unordered_map<std::string_view, const KpiTextPattern*> exact;  // patterns without `*`
  std::vector<Compiled> wild;                                         // most segments first
};

void split(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = s.find('.', start);
    out.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return;
    start = dot + 1;
  }
}

const Index& index() {
  static const Index idx = [] {
    Index i;
    for (const KpiTextPattern& e : kCatalogue) {
      if (e.pattern.find('*') == std::string_view::npos) {
        i.exact.emplace(e.pattern, &e);
        continue;
      }
      Compiled c;
      split(e.pattern, c.segments);
      c.entry = &e;
      i.wild.push_back(std::move(c));
    }
    // More segments first: a floor of a building before the building (see kpi_text.h).
    std::stable_sort(i.wild.begin(), i.wild.end(),
                     [](const Compiled& a, const Compiled& b) { return a.segments.size() > b.segments.size(); });
    return i;
  }();
  return idx;
}

// Matches name segments [n, end) against pattern segments [p, end). A `*` takes one segment, or
// more when the rest would not match otherwise: ids may contain dots (a stair is "B1.S1").
// `caps` receives, per `*`, the first and one-past-last name segment it took.
bool match(std::span<const std::string_view> pat, std::size_t p, std::span<const std::string_view> name, std::size_t n,
           std::vector<std::pair<std::size_t, std::size_t>>& caps) {
  if (p == pat.size()) return n == name.size();
  if (n == name.size()) return false;
  if (pat[p] != "*") return pat[p] == name[n] && match(pat, p + 1, name, n + 1, caps);
  const std::size_t after = pat.size() - p - 1;  // pattern segments left, each takes one or more
  for (std::size_t end = n + 1; end + after <= name.size(); ++end) {
    caps.emplace_back(n, end);
    if (match(pat, p + 1, name, end, caps)) return true;
    caps.pop_back();
  }
  return false;
}

}  // namespace

std::span<const KpiTextPattern> kpi_text_catalogue() noexcept { return kCatalogue; }

std::optional<KpiTextMatch> find_kpi_text(std::string_view name) {
  const Index& idx = index();
  if (const auto it = idx.exact.find(name); it != idx.exact.end()) return KpiTextMatch{it->second, {}};
  thread_local std::vector<std::string_view> segments;
  split(name, segments);
  KpiTextMatch m;
  for (const Compiled& c : idx.wild) {
    if (c.segments.size() > segments.size() || c.segments[0] != segments[0]) continue;
    std::vector<std::pair<std::size_t, std::size_t>> caps;
    if (!match(c.segments, 0, segments, 0, caps)) continue;
    m.entry = c.entry;
    for (const auto& [first, last] : caps) {
      std::string joined;
      for (std::size_t s = first; s < last; ++s) {
        if (s > first) joined.push_back('.');
        joined.append(segments[s]);
      }
      m.captures.push_back(std::move(joined));
    }
    return m;
  }
  return std::nullopt;
}

KpiText kpi_text(const KpiDefinition& kpi, Lang in) {
  const std::optional<KpiTextMatch> m = find_kpi_text(kpi.name);
  if (!m) return {kpi.name, kpi.description, false};
  if (in == Lang::En) return {m->fill(m->entry->en_label), kpi.description, true};
  return {m->fill(m->entry->zh_label), m->fill(m->entry->zh_description), true};
}

std::string KpiTextMatch::fill(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' && text[i + 2] == '}') {
      const auto k = static_cast<std::size_t>(text[i + 1] - '1');
      if (k < captures.size()) {
        out += captures[k];
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace dt
