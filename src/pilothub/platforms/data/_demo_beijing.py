"""Hand-written demo platforms for Beijing (北京市, 110000). 演示数据：除种子文件点名的平台名称外，
运营单位、地址细节、设备与联系人均为虚构或示意，不代表真实机构的能力或资质。

Field shorthand (expanded by build_demo_platforms.py):
  kind: accounts.OrganisationKind — enterprise 企业 | platform_operator 平台运营单位（含检测、计量机构）
        | university 高校/科研院所（含新型研发机构、高校地方研究院）| government 政府部门
  entity: 91 公司 / 12 事业单位 / 52 民办非企业单位 (first two characters of the credit code)
  site: a key of SITES in build_demo_platforms.py (gives coordinates)
  services: rd improve scaleup type perf pilot share validate inspect metro
  equip / tests: keys of _catalog.EQUIPMENT / _catalog.TESTS
  experts: (title, field); names are generated
"""

PLATFORMS = [
    # ------------------------------------------------------------------ seed-named platforms
    dict(
        name="机械工业仪综所工业MEMS传感器中试平台",
        operator="机械工业仪器仪表综合技术经济研究所", kind="university", entity="12",
        region="110400", site="bda_kechuang", address="北京经济技术开发区科创十三街29号院3号楼",
        industries="mems instruments-sensors integrated-circuits",
        services="scaleup pilot perf validate inspect",
        tier="municipal", legal=False,
        main="面向工业过程控制与智能制造的MEMS压力、温度、流量传感器芯片工艺熟化、封装与标定服务。",
        desc="平台建有 6 英寸 MEMS 工艺线，洁净面积约 1800 m²，其中百级黄光区 300 m²，覆盖光刻、深硅刻蚀（DRIE）、"
             "阳极键合与划片等关键工序。可承接硅压阻式、电容式压力敏感芯片从设计验证到千片级小批量流片，"
             "并提供 TO 封装、充油隔离封装与数字补偿标定。配套 0.05–200 MPa 活塞压力计和 -40–125 ℃ 温补标定系统，"
             "出具的静态性能报告可用于工业变送器选型与国产替代验证。",
        equip="mask_aligner drie wafer_bonder dicing_saw pressure_cal climate_chamber",
        tests="pressure_sensor pressure_verify tc_jedec hast_test",
        experts=[("教授级高工", "MEMS 压力传感器工艺"), ("研究员", "工业自动化仪表可靠性")],
    ),
    dict(
        name="中国信通院信息通信产品中试平台",
        operator="中国信息通信研究院", kind="university", entity="12",
        region="110108", site="hd_huayuan", address="北京市海淀区花园北路52号",
        industries="next-gen-it 6g cybersecurity-industrial-internet",
        services="type perf validate inspect share",
        tier="national", legal=False,
        main="为5G/6G终端、通信模组、网络设备与工业互联网产品提供入网前中试验证、型式试验与性能评测。",
        desc="平台依托多个国家级质检中心能力，建有 0.4–44 GHz 毫米波 OTA 暗室、SAR 实验室和 3 米法电波暗室，"
             "可开展 5G NR 射频一致性、天线 TRP/TIS、电磁辐射暴露与安规测试。网络侧配备 400GE 测试仪表，"
             "支持路由交换设备 RFC 2544 吞吐时延基准测试与 5G 专网端到端性能验证。"
             "面向中小企业提供通信模组入网预测试（Pre-scan）服务，帮助缩短进网许可和 CCC 认证周期。",
        equip="ota_chamber uxa cmw500 sar spirent emc_3m",
        tests="nr_rf sar_test network_perf ite_safety ite_emi",
        experts=[("教授级高工", "移动通信终端测试"), ("高级工程师", "电磁兼容"), ("正高级工程师", "工业互联网标识解析")],
    ),
    dict(
        name="昭衍生物抗体和ADC药物研发中试平台",
        operator="北京昭衍生物技术有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_rongjing", address="北京经济技术开发区荣京东街甲5号",
        industries="biologics pharma-health",
        services="rd scaleup pilot perf inspect",
        tier="municipal", legal=True,
        main="提供单抗、双抗及抗体偶联药物（ADC）从细胞株构建、工艺开发到临床样品 GMP 生产的一站式 CDMO 服务。",
        desc="平台拥有 200 L 和 2000 L 一次性生物反应器原液线，以及 OEB5 级高活偶联隔离器，"
             "可完成抗体中间体制备、毒素-连接子偶联、纯化与制剂灌装全流程。工艺开发实验室配备 ambr 250 高通量反应器，"
             "用于培养基筛选与缩小模型验证；分析平台可测定 DAR 分布、游离毒素、电荷异构体与聚体。"
             "质量体系按中国 NMPA 与美国 FDA cGMP 要求运行，可支持 IND 申报资料（CMC 部分）撰写。",
        equip="sus_bioreactor_2000 sus_bioreactor_200 ambr250 adc_isolator akta_pilot lcms_orbitrap",
        tests="dar charge_variants sterility endotoxin viral_clearance",
        experts=[("研究员", "抗体偶联药物工艺"), ("主任药师", "生物制品质量研究")],
    ),
    # ------------------------------------------------------------------ 海淀区 110108
    dict(
        name="清研智算大模型训练与推理评测中试平台",
        operator="北京清研智算科技有限公司", kind="platform_operator", entity="91",
        region="110108", site="hd_swpark", address="北京市海淀区东北旺西路8号院中关村软件园25号楼",
        industries="ai",
        services="rd perf share validate",
        tier="municipal", legal=True,
        main="向AI初创企业开放国产算力集群，提供大模型微调、推理部署与性能、安全评测的中试服务。",
        desc="平台部署 256 卡国产 AI 训练集群（约 80 PFLOPS FP16）和 128 卡推理集群，提供按卡时计费的算力租用。"
             "针对行业大模型提供 LoRA/全参微调、量化蒸馏与推理框架适配，输出吞吐、首 token 时延和能效比基准报告。"
             "评测团队可依据 GB/T 45654-2025 开展生成式 AI 服务安全评估，覆盖语料安全、模型安全与内容安全抽检。"
             "已形成医疗、政务、工业质检三类行业评测集。",
        equip="ascend_cluster mlu_servers jetson_farm",
        tests="model_bench gen_ai_safety ml_labeling",
        experts=[("副教授", "大模型训练系统"), ("高级工程师", "AI 安全评测")],
    ),
    dict(
        name="中关村具身智能机器人中试验证平台",
        operator="北京灵枢具身智能科技有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_shangdi", address="北京市海淀区上地信息路26号",
        industries="robotics ai",
        services="rd validate perf share",
        tier="cultivating", legal=True,
        main="为人形机器人、四足机器人和灵巧手企业提供整机运动性能测试、数据采集与场景验证服务。",
        desc="平台设有 1200 m² 具身智能训练场，布置家居、商超货架和工业装配三类场景，"
             "配备 24 相机光学动作捕捉系统与遥操作数据采集工位，可为 VLA 模型训练采集多模态示范数据。"
             "整机测试涵盖步态稳定性、抗扰恢复、跌倒保护与连续作业时长，关节模组可做扭矩-转速特性和温升测试。"
             "提供仿真到实机（Sim2Real）策略迁移验证，帮助企业在量产前完成可靠性摸底。",
        equip="vicon humanoid_gait joint_bench ft_sensor_cal",
        tests="service_robot_safety robot_perf",
        experts=[("研究员", "腿足机器人运动控制"), ("副教授", "具身智能数据与模型")],
    ),
    dict(
        name="京华理工大学先进结构材料中试平台",
        operator="京华理工大学", kind="university", entity="12",
        region="110108", site="hd_xueyuan", address="北京市海淀区学院路30号",
        industries="new-materials aerospace",
        services="rd scaleup type inspect share",
        tier="municipal", legal=False,
        main="面向航空航天与轨道交通的高温合金、钛合金及金属基复合材料制备工艺放大与性能评价。",
        desc="平台具备真空感应熔炼、热等静压（2000 ℃/207 MPa）与粉末冶金成形能力，"
             "可将实验室配方放大至 50 kg 级铸锭并完成热处理制度优化。材料表征依托 TEM、EBSD 与 100 kN 高温拉伸、"
             "电液伺服疲劳试验机，出具拉伸、冲击、低周疲劳数据。"
             "对外开放 SPS 放电等离子烧结，用于高熵合金、陶瓷增强铝基复合材料样件的快速试制。",
        equip="hip sps tem utm_100kn servo_fatigue sem",
        tests="tensile_metal impact vickers xrd_phase",
        experts=[("教授", "高温合金凝固"), ("教授", "金属基复合材料"), ("副研究员", "疲劳与断裂")],
    ),
    dict(
        name="北京纳微光电硅光集成芯片中试平台",
        operator="北京纳微光电科技有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_yongfeng", address="北京市海淀区永丰产业基地丰贤中路7号",
        industries="integrated-circuits optoelectronics",
        services="scaleup pilot perf validate",
        tier="cultivating", legal=True,
        main="提供硅光调制器、探测器与光收发芯片的流片后加工、耦合封装和高速光电测试。",
        desc="平台面向 400G/800G 数据中心光模块，提供硅光芯片端面抛光、V 槽光纤阵列耦合与倒装焊封装，"
             "贴装精度 ±1 μm。测试线可完成 56 GBd PAM4 眼图、消光比、插损与温度循环下的波长漂移测试。"
             "支持光电共封装（CPO）样件试制，单批次 20–500 颗，交付封装工艺窗口报告和可靠性摸底数据。",
        equip="flip_chip probe_station uxa thermal_shock",
        tests="tc_jedec hast_test",
        experts=[("研究员", "硅基光电子"), ("高级工程师", "光器件封装")],
    ),
    dict(
        name="中关村体外诊断与生物芯片中试平台",
        operator="北京博识体外诊断技术有限公司", kind="platform_operator", entity="91",
        region="110108", site="hd_shangdi", address="北京市海淀区上地七街1号汇众大厦北区",
        industries="medical-devices pharma-health",
        services="rd scaleup pilot perf",
        tier="municipal", legal=True,
        main="为 IVD 企业提供化学发光、分子诊断试剂的配方放大、冻干微球制备与注册检验前性能评价。",
        desc="平台建有 1000 m² 十万级 IVD 试剂洁净车间，可承接化学发光磁微粒包被 1–50 L 批量放大和 POCT 微流控卡组装。"
             "分子诊断线支持冻干 PCR 微球制备，单批 5 万粒，配 qPCR 与数字 PCR 进行灵敏度和交叉反应评估。"
             "按 WS/T 492-2016 开展精密度、正确度验证，并协助编制体外诊断试剂注册申报的分析性能研究资料。",
        equip="chemiluminescence qpcr ddpcr freeze_dryer_food",
        tests="ivd_precision risk_mgmt",
        experts=[("主任技师", "临床免疫检验"), ("高级工程师", "IVD 试剂工艺")],
    ),
    dict(
        name="北京星衡商业航天卫星载荷中试平台",
        operator="北京星衡空间技术有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_wenquan", address="北京市海淀区温泉镇翠湖南环路13号院",
        industries="aerospace",
        services="type perf validate pilot",
        tier="municipal", legal=True,
        main="为商业航天企业提供卫星载荷与部组件的热真空、力学环境试验和小批量总装集成测试。",
        desc="平台拥有 Φ2.5 m 热真空罐（1×10⁻⁵ Pa，热沉 -180–150 ℃）和 300 kN 大推力振动台，"
             "可按 GJB 1027A-2005 完成载荷鉴定级、验收级试验。建有十万级 AIT 总装厅，"
             "支持 50–500 kg 小卫星批量化集成与电性能测试。面向星座批产需求提供部组件“一箱多件”并行试验，"
             "单件试验成本可降低约 30%。",
        equip="tvac shaker_big gnss_sim climate_chamber",
        tests="tvac_test gjb150 vibration",
        experts=[("研究员", "航天器热控"), ("研究员", "卫星总体设计")],
    ),
    dict(
        name="北京量子精测量子传感中试平台",
        operator="北京量子精测科技有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_zgc_west", address="北京市海淀区中关村大街27号中关村大厦",
        industries="quantum instruments-sensors",
        services="rd scaleup validate perf",
        tier="cultivating", legal=True,
        main="推进原子磁力计、原子陀螺与金刚石NV色心量子传感器的工程化样机研制与环境适应性验证。",
        desc="平台围绕量子精密测量建有磁屏蔽房（剩磁 <1 nT）、碱金属气室充制与封装线，"
             "可批量制备 3–10 mm 微型原子气室。工程化团队提供激光稳频、弱信号处理电路与整机结构设计，"
             "将实验室原理样机转化为可现场部署的工程样机。配套高低温、振动试验，用于地质勘探、脑磁图和导航场景的应用验证。",
        equip="ppms climate_chamber shaker_es50 raman",
        tests="cold vibration",
        experts=[("研究员", "原子磁力测量"), ("副研究员", "量子精密测量工程化")],
    ),
    dict(
        name="北辰医科大学创新药物成药性评价中试平台",
        operator="北辰医科大学", kind="university", entity="12",
        region="110108", site="hd_xueyuan", address="北京市海淀区学院路38号",
        industries="innovative-drugs pharma-health",
        services="rd improve perf share",
        tier="municipal", legal=False,
        main="开放高校药学院的成药性评价能力，为小分子创新药提供 DMPK、晶型筛选与早期制剂研究。",
        desc="平台提供体外 ADME（肝微粒体稳定性、CYP 抑制、Caco-2 渗透）与大小鼠药代动力学研究，"
             "LC-MS/MS 定量下限可达 0.1 ng/mL。固态研究室开展盐型、晶型与共晶筛选，配 XRD、DSC 与动态水分吸附。"
             "针对难溶性化合物提供热熔挤出、喷雾干燥无定形分散体小试处方，帮助候选化合物在 PCC 阶段完成可开发性评估。",
        equip="qtof xrd tga_dsc hme spray_dryer_lab nmr",
        tests="method_validation residual_solvent",
        experts=[("教授", "药物代谢动力学"), ("教授", "药物晶型与固态化学")],
    ),
    dict(
        name="北京中科芯测集成电路可靠性与失效分析中试平台",
        operator="北京中科芯测技术服务有限公司", kind="platform_operator", entity="91",
        region="110108", site="hd_shangdi", address="北京市海淀区上地东路9号得实大厦",
        industries="integrated-circuits packaging-testing",
        services="type perf inspect share",
        tier="municipal", legal=True,
        main="为 fabless 芯片设计企业提供可靠性鉴定、车规 AEC-Q100 认证测试与失效分析服务。",
        desc="平台建有 HTOL、HAST、温度循环等可靠性试验能力，可按 JEDEC 与 AEC-Q100 Rev-H 执行完整鉴定矩阵。"
             "失效分析室配备双束 FIB、C-SAM 超声扫描与 X-Ray 检测，可定位 ESD 损伤、金属迁移与封装分层。"
             "实验室通过 CNAS 认可，出具的车规认证报告被多家整车厂和 Tier1 接受；"
             "对中小设计公司提供“首颗芯片”可靠性摸底套餐，两周内给出薄弱环节。",
        equip="fib sam xray_inspect hast thermal_shock htol",
        tests="aecq100 htol_test hast_test tc_jedec fa",
        experts=[("高级工程师", "集成电路可靠性"), ("研究员", "失效物理分析")],
    ),
    dict(
        name="北京智联工业互联网安全测评中试平台",
        operator="北京智联工控安全技术有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_shangdi", address="北京市海淀区上地西路8号院1号楼",
        industries="cybersecurity-industrial-internet",
        services="type validate perf",
        tier="cultivating", legal=True,
        main="提供工控设备与工业互联网平台的安全评估、漏洞挖掘和攻防演练验证环境。",
        desc="平台建有覆盖电力、石化与离散制造三类产线的工控安全靶场，部署主流 PLC、DCS、SCADA 真实控制器，"
             "可对 Modbus、S7、OPC UA 等协议开展模糊测试。依据 IEC 62443-4-2 对 PLC、工业网关进行组件安全能力评估，"
             "并支持等保 2.0 工控扩展要求测评预检。为工业企业提供安全产品上线前的兼容性与误报率验证。",
        equip="ics_range spirent",
        tests="iec62443 classified_protection",
        experts=[("正高级工程师", "工业控制系统安全")],
    ),
    dict(
        name="北京神经智联脑机接口中试平台",
        operator="北京神经智联医疗科技有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_yongfeng", address="北京市海淀区永丰路5号院中关村永丰基地",
        industries="brain-computer-interface medical-devices",
        services="rd scaleup pilot validate",
        tier="cultivating", legal=True,
        main="面向侵入式与非侵入式脑机接口，提供柔性电极微纳加工、植入器件封装和动物实验验证。",
        desc="平台可在聚酰亚胺、Parylene 基底上加工线宽 5 μm 的柔性微电极阵列，通道数 64–1024，"
             "并提供 ALD 氧化铝/Parylene 复合封装与加速老化（87 ℃ 生理盐水）寿命评估。"
             "配备神经信号采集系统和大动物手术室，可开展植入安全性与信号稳定性验证。"
             "非侵入式方向提供干电极脑电帽小批量试制与运动想象解码算法评测。",
        equip="ald sputter mask_aligner biosafety_lab",
        tests="cytotox med_safety",
        experts=[("研究员", "神经接口器件"), ("主任医师", "功能神经外科")],
    ),
    dict(
        name="北京清源膜材料与水处理中试平台",
        operator="北京清源环境材料有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_wenquan", address="北京市海淀区温泉镇杨家庄路9号",
        industries="new-materials green-low-carbon",
        services="scaleup pilot improve perf",
        tier="municipal", legal=True,
        main="开展反渗透、纳滤与陶瓷膜材料的涂覆放大和污水资源化工艺中试验证。",
        desc="平台拥有幅宽 1 m 的平板膜连续涂覆线和界面聚合中试线，可将新型纳滤膜配方放大到 8040 卷式组件。"
             "水处理中试区布置 MF/UF/NF/RO 多级膜组件，可在客户现场或基地内开展高盐废水零排放、"
             "锂盐提取等工艺的连续 1000 h 运行验证，输出通量衰减、脱盐率与能耗数据。"
             "平台还可为客户定制膜组件，并开展 CIP 清洗方案与抗污染涂层对比评价。",
        equip="membrane_pilot sem ftir bet",
        tests="bet_test",
        experts=[("教授", "分离膜材料"), ("高级工程师", "工业废水处理")],
    ),
    dict(
        name="北京华研数字孪生智能制造中试平台",
        operator="北京华研智造科技有限公司", kind="platform_operator", entity="91",
        region="110108", site="hd_shangdi", address="北京市海淀区上地十街1号院辉煌国际大厦",
        industries="smart-manufacturing ai",
        services="rd improve validate",
        tier="cultivating", legal=True,
        main="为离散制造企业提供产线数字孪生建模、工艺仿真优化与 AI 质检算法的中试验证。",
        desc="平台搭建 6 工位可重构柔性装配线，MES 与数字孪生模型实时同步，可复现客户产线节拍与瓶颈。"
             "提供基于机器视觉的缺陷检测算法训练与部署验证，支持 0–3 m/s 线速模拟和误检率统计。"
             "针对设备预测性维护，提供振动、电流数据采集与模型验证，帮助企业在改造前量化 OEE 提升。",
        equip="mes_line vision_bench jetson_farm estun_er20",
        tests="model_bench",
        experts=[("副教授", "数字孪生与工业软件"), ("高级工程师", "机器视觉检测")],
    ),
    dict(
        name="北京视界AR光波导与精密光学中试平台",
        operator="北京视界光学科技有限公司", kind="enterprise", entity="91",
        region="110108", site="hd_yongfeng", address="北京市海淀区永丰产业基地永澄北路2号",
        industries="optoelectronics next-gen-it",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="提供 AR 衍射光波导纳米压印、镀膜与光学性能测试的小批量试制服务。",
        desc="平台建有纳米压印与光学镀膜中试线，可在 8 英寸高折射率玻璃上复制表面浮雕光栅，"
             "批量制备单色/全彩光波导镜片。测试端可测量视场角（FOV）、眼盒、亮度均匀性与色偏，"
             "配 MTF 仪评价投影光机成像质量。每月可交付 2000 片级样件，支持 AR 眼镜整机厂商 EVT/DVT 验证。",
        equip="optical_coater ar_waveguide_test mtf zygo spectrophotometer",
        tests="optics_coating lens_mtf",
        experts=[("研究员", "衍射光学"), ("高级工程师", "纳米压印工艺")],
    ),
    dict(
        name="中关村固态电池材料中试平台",
        operator="北京中关村新能材料研究院有限公司", kind="platform_operator", entity="91",
        region="110108", site="hd_yongfeng", address="北京市海淀区永丰产业基地永捷北路3号",
        industries="energy-storage new-materials",
        services="rd scaleup pilot perf",
        tier="municipal", legal=True,
        main="开展硫化物、氧化物固态电解质的公斤级合成放大和固态/半固态电芯试制。",
        desc="平台在露点 -50 ℃ 干燥间内建有硫化物电解质球磨-烧结中试线，单批产能 10 kg，"
             "并具备氧化物（LLZO）电解质膜流延与烧结能力。电芯线可试制 1–20 Ah 软包半固态/全固态电芯，"
             "配备 512 通道充放电与 ARC 热失控测试。可为正负极材料企业提供固态体系下的兼容性评价与界面改性验证。",
        equip="glovebox battery_cycler arc xrd sem",
        tests="un383 ess_cell",
        experts=[("研究员", "固态电解质"), ("教授", "锂电池电化学")],
    ),
    dict(
        name="京华理工大学智能无人系统中试平台",
        operator="京华理工大学", kind="university", entity="12",
        region="110108", site="hd_xueyuan", address="北京市海淀区学院路30号科技楼",
        industries="low-altitude-economy robotics",
        services="rd validate perf",
        tier="cultivating", legal=False,
        main="面向无人机集群与地面无人平台，提供飞控算法、动力系统和协同任务的测试验证。",
        desc="平台拥有室内 30 m×20 m×12 m 动捕飞行场和郊区外场，可开展多旋翼、复合翼无人机编队飞行试验。"
             "动力系统台架可测量电机-螺旋桨推力效率与噪声，风洞可模拟阵风扰动。"
             "软件侧提供半实物仿真环境，支持集群协同、自主避障算法从仿真到外场的逐级验证。",
        equip="vicon motor_prop_bench wind_tunnel_low",
        tests="uav_multirotor",
        experts=[("教授", "飞行器控制"), ("副教授", "多智能体协同")],
    ),
    # ------------------------------------------------------------------ 北京经济技术开发区 110400
    dict(
        name="北京亦庄细胞与基因治疗CDMO中试平台",
        operator="北京亦生细胞科技有限公司", kind="platform_operator", entity="91",
        region="110400", site="bda_kechuang", address="北京经济技术开发区科创六街88号院",
        industries="cell-gene-therapy pharma-health",
        services="rd scaleup pilot inspect",
        tier="municipal", legal=True,
        main="提供 CAR-T、TCR-T、干细胞产品及慢病毒/AAV 载体的工艺开发与临床级 GMP 生产。",
        desc="平台建有 B+A 级细胞制备间 12 间，配置全封闭自动化细胞制备系统，单批次可完成分选、转导与扩增。"
             "病毒载体线采用悬浮 HEK293 工艺，50–200 L 一次性反应器生产慢病毒与 AAV，"
             "配套层析纯化和空壳率分析。质控实验室可进行 CAR 阳性率、VCN、复制型病毒（RCL）与支原体检测，"
             "支持中美双报的 IND 申报。",
        equip="prodigy sus_bioreactor_200 flow_cytometer ddpcr akta_avant",
        tests="car_positive mycoplasma sterility endotoxin",
        experts=[("研究员", "细胞治疗工艺"), ("主任医师", "血液肿瘤免疫治疗")],
    ),
    dict(
        name="北京诺康mRNA疫苗与核酸药物中试平台",
        operator="北京诺康核酸药物有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_jinghai", address="北京经济技术开发区经海四路25号",
        industries="biologics pharma-health",
        services="rd scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展 mRNA 体外转录、LNP 包封工艺放大及制剂灌装，服务疫苗与蛋白替代疗法研发。",
        desc="平台拥有质粒发酵、线性化与体外转录（IVT）全流程，单批 mRNA 产量 1–20 g，"
             "加帽效率 >95%。LNP 采用微流控与 T 型混合两种放大路线，粒径 80 nm 左右，包封率 >90%。"
             "质控可测 dsRNA 残留、Poly(A) 长度与 mRNA 完整性；提供 -70 ℃ 及 2–8 ℃ 稳定性研究，"
             "支撑冻干制剂开发。",
        equip="lnp_mixer akta_avant tff lyophilizer uplc",
        tests="lnp_size endotoxin sterility stability_ich",
        experts=[("研究员", "mRNA 疫苗"), ("副研究员", "脂质纳米递送")],
    ),
    dict(
        name="亦庄有源医疗器械注册检验预检中试平台",
        operator="北京亦安医疗器械检测技术有限公司", kind="platform_operator", entity="91",
        region="110400", site="bda_hongda", address="北京经济技术开发区宏达北路10号",
        industries="medical-devices",
        services="type perf inspect",
        tier="municipal", legal=True,
        main="为有源医疗器械提供 GB 9706 系列安规、EMC 与可用性预检测试，降低注册检验一次不通过风险。",
        desc="平台建有 3 米法电波暗室和医用电气安全实验室，可依据 GB 9706.1-2020 与 YY 9706.102-2021 开展预检，"
             "覆盖监护仪、超声、内窥镜与手术机器人等产品。工程师可协助进行整改设计，"
             "提供滤波器选型、接地与隔离方案评审。配套风险管理（YY/T 0316）与软件生存周期文件审核。",
        equip="emc_3m esd_surge esa615 climate_chamber",
        tests="med_safety med_emc risk_mgmt esd",
        experts=[("高级工程师", "医用电气安全"), ("高级工程师", "医疗器械 EMC 整改")],
    ),
    dict(
        name="北京芯创8英寸特色工艺集成电路中试线",
        operator="北京芯创微电子有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_east", address="北京经济技术开发区经海路156号",
        industries="integrated-circuits mems",
        services="scaleup pilot rd validate",
        tier="national", legal=True,
        main="开放 8 英寸特色工艺中试线，提供功率器件、MEMS 与模拟芯片的多项目晶圆（MPW）和工艺开发。",
        desc="中试线洁净面积 4000 m²，关键区域百级，具备 i 线光刻、ICP 刻蚀、PECVD、离子注入和湿法清洗等完整模块，"
             "最小线宽 0.35 μm。提供 BCD、SOI MEMS 与高压 LDMOS 工艺平台，MPW 每季度一次，"
             "单片起投。工程组可承接客户定制工艺开发，并通过 WAT 参数监控保证批次一致性。",
        equip="stepper_iline icp_etcher pecvd wet_bench probe_station photoresist_coater",
        tests="wafer_param tc_jedec",
        experts=[("教授级高工", "集成电路工艺整合"), ("高级工程师", "功率器件")],
    ),
    dict(
        name="北京华创半导体装备工艺验证中试平台",
        operator="北京华创晶微装备有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_east", address="北京经济技术开发区文昌大道8号",
        industries="semiconductor-equipment integrated-circuits",
        services="validate improve perf",
        tier="municipal", legal=True,
        main="为国产刻蚀、薄膜与清洗设备及其零部件提供上线前工艺验证和 Marathon 稳定性测试。",
        desc="平台提供装机位与厂务配套（特气、工艺冷却水、排风），可在 8/12 英寸晶圆上验证新设备的刻蚀速率、"
             "均匀性与颗粒水平。零部件验证包括静电卡盘、射频电源、真空泵与陶瓷件的寿命对比测试，"
             "支持首台（套）装备用户验证报告编制。提供颗粒检测与 SEM 截面分析数据闭环。",
        equip="icp_etcher pecvd sem xps",
        tests="wafer_param",
        experts=[("教授级高工", "刻蚀工艺"), ("高级工程师", "半导体设备零部件")],
    ),
    dict(
        name="亦庄机器人关节模组与灵巧手中试平台",
        operator="北京亦智精工机器人有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_kechuang", address="北京经济技术开发区科创十街15号",
        industries="robotics intelligent-equipment",
        services="improve scaleup pilot perf",
        tier="cultivating", legal=True,
        main="为人形机器人企业提供谐波减速器、一体化关节与多指灵巧手的工艺改进和小批量试产。",
        desc="平台拥有谐波减速器柔轮精密加工与装配线，可试产 14–32 型号，回差 ≤20″。"
             "一体化关节线完成电机、减速器、编码器与驱动器装配，配套关节模组测试台测量效率、背隙与扭转刚度。"
             "灵巧手单元提供腱绳驱动与指尖触觉传感器的集成验证，首批 50 套以内可在 4 周内交付。",
        equip="joint_bench ft_sensor_cal swiss_lathe cmm",
        tests="robot_perf",
        experts=[("研究员", "精密传动"), ("高级工程师", "伺服驱动")],
    ),
    dict(
        name="北京经开人形机器人整机测评中试平台",
        operator="北京亦庄具身智能测评中心有限公司", kind="platform_operator", entity="91",
        region="110400", site="bda_jinghai", address="北京经济技术开发区经海三路109号",
        industries="robotics ai safety-emergency",
        services="type perf validate",
        tier="municipal", legal=True,
        main="开展人形机器人整机安全、运动能力、任务完成度与可靠性评测，服务产品定型与场景落地。",
        desc="测评场地 3000 m²，包含坡道、台阶、碎石、狭窄通道等地形模块和工厂搬运、导览服务场景。"
             "依据 GB/T 36530 与企业团体标准评估人机协作安全距离、碰撞力与紧急停止响应。"
             "可开展 72 h 连续运行可靠性试验和电池续航测试，输出整机能力画像，供采购方选型参考。",
        equip="vicon humanoid_gait climate_chamber",
        tests="service_robot_safety robot_safety",
        experts=[("研究员", "机器人标准与测评"), ("副教授", "人机交互安全")],
    ),
    dict(
        name="北京亦庄智能网联汽车车路云一体化测试中试平台",
        operator="北京亦庄车路云科技有限公司", kind="platform_operator", entity="91",
        region="110400", site="bda_new", address="北京经济技术开发区凉水河二街8号",
        industries="icv-nev",
        services="validate type perf",
        tier="municipal", legal=True,
        main="依托高级别自动驾驶示范区，为自动驾驶系统和 C-V2X 设备提供场地、HIL 与开放道路分级测试。",
        desc="平台拥有 8 万 m² 封闭测试场，覆盖城市路口、环岛、隧道和雨雾模拟场景，"
             "配备软目标车和行人假人开展 AEB、LKA 等 ADAS 试验。C-V2X 实验室可做 PC5 直连通信一致性与时延测试，"
             "HIL 台架支持 5000 余个场景库回灌。对接示范区路侧感知数据，为 L4 企业提供预期功能安全（SOTIF）验证证据。",
        equip="adas_targets v2x_tester hil",
        tests="adas_aeb sotif vehicle_cyber",
        experts=[("研究员", "自动驾驶测试评价"), ("高级工程师", "车联网通信")],
    ),
    dict(
        name="北京微纳电子化学品中试平台",
        operator="北京微纳电子材料有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_east", address="北京经济技术开发区泰河三街1号",
        industries="integrated-circuits new-materials",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展 KrF/ArF 光刻胶、湿电子化学品的合成放大、纯化和晶圆级应用评价。",
        desc="平台建有树脂合成与光酸剂提纯中试线，金属离子控制到 ppb 级，可将光刻胶配方放大至 200 L 批次。"
             "应用评价线配备匀胶显影机与 i 线步进光刻机，测试分辨率、线宽粗糙度（LWR）与工艺窗口。"
             "ICP-MS 与颗粒计数器用于电子级硫酸、双氧水等湿化学品的杂质分析。",
        equip="photoresist_coater stepper_iline icp_ms gcms",
        tests="rohs",
        experts=[("研究员", "光刻胶化学"), ("高级工程师", "电子化学品纯化")],
    ),
    dict(
        name="北京康瑞生物药无菌制剂灌装与冻干中试平台",
        operator="北京康瑞生物制药有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_rongjing", address="北京经济技术开发区荣昌东街6号",
        industries="biologics pharma-health",
        services="scaleup pilot inspect",
        tier="municipal", legal=True,
        main="为抗体、重组蛋白和多肽药物提供西林瓶无菌灌装、冻干工艺开发及临床样品生产。",
        desc="平台拥有 A 级 RABS 保护的西林瓶灌装加塞联动线（3000–6000 瓶/h）和 3 m² 冻干机，"
             "可开展冻干曲线设计、DoE 优化及冻干饼外观与复溶时间研究。配备在线称重和自动灯检，"
             "可生产 I–III 期临床样品。提供培养基模拟灌装验证与无菌工艺风险评估。",
        equip="vial_filling lyophilizer stability uplc",
        tests="sterility endotoxin stability_ich",
        experts=[("主任药师", "无菌制剂"), ("高级工程师", "冻干工艺")],
    ),
    dict(
        name="北京中研医学影像设备核心部件中试平台",
        operator="北京中研影像科技有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_hongda", address="北京经济技术开发区永昌北路3号",
        industries="medical-devices intelligent-equipment",
        services="rd scaleup validate type",
        tier="cultivating", legal=True,
        main="开展 CT 探测器模组、高压发生器和超声探头等影像核心部件的试制与整机联调验证。",
        desc="平台建有 CT 探测器模组贴装与光电标定线、X 射线管老练工位，以及超声换能器压电复合材料切割与声学测试间。"
             "整机联调区可开展图像质量体模测试和 72 h 连续运行试验。"
             "提供 GB 9706 系列预检与 EMC 整改服务，帮助部件企业进入整机厂供应链。",
        equip="xray_inspect emc_3m esa615 climate_chamber",
        tests="med_safety med_emc",
        experts=[("教授级高工", "医学成像系统"), ("高级工程师", "超声换能器")],
    ),
    dict(
        name="北京易能氢燃料电池电堆中试平台",
        operator="北京易能氢动科技有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_new", address="北京经济技术开发区康定街19号",
        industries="hydrogen icv-nev",
        services="scaleup pilot perf type",
        tier="municipal", legal=True,
        main="提供膜电极（MEA）涂布、金属双极板成形和燃料电池电堆小批量试制与性能测试。",
        desc="平台拥有卷对卷 CCM 狭缝涂布线（幅宽 300 mm）和金属双极板冲压-焊接-涂层中试线，"
             "可试制 80–150 kW 车用电堆。测试台覆盖极化曲线、EIS、动态工况和冷启动（-30 ℃）试验，"
             "依据 GB/T 24554-2022 出具发动机性能报告。为材料企业提供催化剂与质子膜的电堆级验证。",
        equip="fc_test battery_pack_test climate_chamber",
        tests="fc_engine fc_module",
        experts=[("研究员", "燃料电池电堆"), ("高级工程师", "膜电极工艺")],
    ),
    dict(
        name="北京智药AI药物发现与合成中试平台",
        operator="北京智药云创科技有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_kechuang", address="北京经济技术开发区科创十四街99号汇龙森科技园",
        industries="innovative-drugs ai",
        services="rd improve scaleup",
        tier="cultivating", legal=True,
        main="结合 AI 分子生成与自动化合成实验室，为创新药企业提供苗头化合物设计、合成与工艺路线优化。",
        desc="平台自建靶点结构预测与分子生成模型，支持虚拟筛选百万级化合物库。"
             "自动化化学实验室配备高通量反应筛选与制备纯化，可在 4–6 周内交付 50–200 个设计化合物。"
             "候选化合物的工艺路线优化在 50 L 玻璃反应釜完成百克至公斤级放大，提供杂质谱与工艺风险评估。",
        equip="ascend_cluster reactor_glass_50 lcms_orbitrap nmr hplc",
        tests="method_validation",
        experts=[("研究员", "计算化学与 AI 药物设计"), ("高级工程师", "药物合成工艺")],
    ),
    dict(
        name="北京京测综合性中试公共服务平台",
        operator="北京京测科技服务有限公司", kind="platform_operator", entity="91",
        region="110400", site="bda_hongda", address="北京经济技术开发区宏达南路3号",
        industries="intelligent-equipment next-gen-it safety-emergency",
        services="inspect metro type perf share",
        tier="municipal", legal=True,
        main="跨行业提供环境可靠性、EMC、安规检验检测和计量校准，服务经开区中小企业产品定型。",
        desc="平台是经开区两业融合园区内的综合性中试公共服务机构，拥有 10 米法电波暗室、步入式温湿度试验室"
             "和 300 kN 振动台。计量室开展温湿度、压力、电学仪表校准，可为企业中试线设备提供计量确认。"
             "检验检测覆盖电子信息、智能装备和汽车电子，出具 CMA/CNAS 双标报告，并提供一站式认证咨询。",
        equip="emc_10m walkin_chamber shaker_big fluke5730 temp_bath",
        tests="vibration damp_heat ite_emi chamber_cal multimeter_cal",
        experts=[("高级工程师", "环境与可靠性试验"), ("高级工程师", "电学计量")],
    ),
    dict(
        name="北京合成智造生物制造中试平台",
        operator="北京合成智造生物科技有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_jinghai", address="北京经济技术开发区经海五路1号",
        industries="synthetic-biology new-materials",
        services="rd scaleup pilot",
        tier="cultivating", legal=True,
        main="面向合成生物企业提供菌株高通量筛选、发酵工艺放大与下游分离纯化中试服务。",
        desc="平台建有自动化菌株构建与筛选工作站，结合 BioLector 微型发酵完成数千株/周的筛选。"
             "发酵中试车间配置 50 L/500 L/5000 L 三级罐组，支持补料分批与连续发酵工艺放大，"
             "可生产依克多因、PHA、稀有人参皂苷等产品的公斤至百公斤级样品。"
             "下游配备碟片离心、膜分离与连续结晶装置。",
        equip="biolector biomek fermenter_train disc_centrifuge crystallizer",
        tests="food_micro",
        experts=[("研究员", "代谢工程"), ("高级工程师", "发酵工程放大")],
    ),
    dict(
        name="北京亦庄先进封装与Chiplet中试平台",
        operator="北京亦芯先进封装技术有限公司", kind="enterprise", entity="91",
        region="110400", site="bda_east", address="北京经济技术开发区经海二路29号",
        industries="packaging-testing integrated-circuits",
        services="scaleup pilot perf validate",
        tier="municipal", legal=True,
        main="提供晶圆级封装、倒装与 2.5D/Chiplet 异构集成的工艺开发与小批量封装服务。",
        desc="平台具备 12 英寸晶圆凸块（Bump）、RDL 重布线、高精度倒装与底部填充工艺，"
             "支持 55 μm 节距微凸块互连。可承接 AI 加速芯片、射频前端模组的 SiP 封装样品，"
             "月产能 2000 颗级别。配套 X 射线、C-SAM 与可靠性试验，评估翘曲、空洞与热循环失效。",
        equip="flip_chip dicing_saw wire_bonder xray_inspect sam thermal_shock",
        tests="tc_jedec hast_test fa",
        experts=[("教授级高工", "先进封装"), ("高级工程师", "封装热-力仿真")],
    ),
    # ------------------------------------------------------------------ 大兴区 110115
    dict(
        name="北京华康创新制剂中试平台",
        operator="北京华康药业有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区中关村科技园区大兴生物医药产业基地天河西路19号",
        industries="innovative-drugs pharma-health",
        services="rd improve scaleup pilot",
        tier="municipal", legal=True,
        main="开展缓控释、口溶膜和吸入制剂等改良型新药的处方工艺开发、放大与临床样品生产。",
        desc="平台建有 D 级口服固体制剂中试车间，配流化床制粒包衣、旋转压片与热熔挤出设备，"
             "可完成微丸包衣、骨架缓释片从 1 kg 到 50 kg 的放大。吸入制剂实验室配备 NGI 撞击器，"
             "开展干粉吸入剂的空气动力学粒径分布研究。提供一致性评价溶出曲线比对和 BE 前预试验支持。",
        equip="fluid_bed tablet_press hme inhaler_ngi dissolution",
        tests="dissolution_test aerodynamic stability_ich residual_solvent",
        experts=[("主任药师", "缓控释制剂"), ("研究员", "吸入给药系统")],
    ),
    dict(
        name="北京同康中药现代化提取中试平台",
        operator="北京同康本草制药有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区生物医药产业基地永大路38号",
        industries="pharma-health health-food",
        services="improve scaleup pilot inspect",
        tier="cultivating", legal=True,
        main="为中药新药、经典名方和植物提取物提供提取、纯化、浓缩干燥工艺放大与质量研究。",
        desc="中试车间配置 3 m³ 多功能提取罐、外循环浓缩器与大孔树脂层析系统，可进行水提、醇提与挥发油回收。"
             "干燥单元包括喷雾干燥与真空带式干燥，适用浸膏粉和颗粒剂。"
             "质量研究提供指纹图谱、多成分含量测定与农残重金属检测，支持经典名方物质基准研究。",
        equip="extraction_tcm column_macro spray_dryer_pilot hplc icp_ms",
        tests="elemental_impurity residual_solvent",
        experts=[("研究员", "中药化学"), ("主任药师", "中药制剂工艺")],
    ),
    dict(
        name="北京生物医药产业基地公共小分子CDMO中试平台",
        operator="北京大兴生物医药产业基地发展有限公司", kind="platform_operator", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区生物医药产业基地华佗路50号",
        industries="innovative-drugs pharma-health",
        services="scaleup pilot inspect share",
        tier="municipal", legal=True,
        main="为园区初创药企提供原料药（API）公斤级到百公斤级 GMP 中试生产及分析检测共享服务。",
        desc="平台由园区国资公司建设运营，配置 500 L/1000 L 搪玻璃与不锈钢反应釜、离心与双锥干燥单元，"
             "可生产 I–II 期临床用原料药。高活性区域可处理 OEB4 级化合物。分析中心向园区企业开放 UPLC、GC-MS、"
             "ICP-MS 等仪器，按机时收费。提供工艺安全评估（反应量热）与三废处理合规咨询。",
        equip="reactor_ss_500 reactor_glass_50 uplc gcms icp_ms",
        tests="residual_solvent elemental_impurity method_validation",
        experts=[("教授级高工", "原料药工艺放大"), ("高级工程师", "工艺安全")],
    ),
    dict(
        name="北京瑞霖医用高分子耗材中试平台",
        operator="北京瑞霖医疗器械有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_huangcun", address="北京市大兴区兴业街9号",
        industries="medical-devices new-materials",
        services="improve scaleup pilot type",
        tier="cultivating", legal=True,
        main="提供介入导管、输注器具等医用高分子耗材的挤出、注塑、组装和灭菌验证中试。",
        desc="平台拥有万级洁净车间 1500 m²，配医用精密导管挤出线（多腔、编织增强）和全电动注塑机，"
             "可试制球囊导管、微导管与输液连接件。灭菌验证采用环氧乙烷中试柜，配套残留量检测。"
             "生物学评价可完成细胞毒性与致敏试验，协助编制注册检验送样方案。",
        equip="catheter_extrusion injection_arburg eto_steril biosafety_lab",
        tests="cytotox sensitization eo_residue",
        experts=[("高级工程师", "医用高分子加工"), ("高级工程师", "灭菌验证")],
    ),
    dict(
        name="北京临空航空器材适航验证中试平台",
        operator="北京临空航空技术服务有限公司", kind="platform_operator", entity="91",
        region="110115", site="dx_airport", address="北京市大兴区礼贤镇大兴国际机场临空经济区永兴河北路6号",
        industries="aerospace low-altitude-economy",
        services="type perf validate",
        tier="cultivating", legal=True,
        main="为机载设备、客舱内饰与航材国产化替代提供 DO-160G 环境试验和适航符合性验证。",
        desc="平台建有温度-高度、湿热、振动、电源特性等 DO-160G 试验能力，以及客舱材料燃烧性能测试。"
             "适航工程团队可协助编制符合性验证计划（CVP）与试验大纲，对接民航审定部门。"
             "同时为 eVTOL 企业提供机载航电设备的环境鉴定试验。",
        equip="do160 walkin_chamber shaker_es50",
        tests="do160_env vibration",
        experts=[("研究员", "民机适航审定"), ("高级工程师", "航空电子环境试验")],
    ),
    dict(
        name="大兴国际氢能示范区储运加注装备中试验证平台",
        operator="北京大兴氢能装备检测有限公司", kind="platform_operator", entity="91",
        region="110115", site="dx_hydrogen", address="北京市大兴区魏善庄镇大兴国际氢能示范区氢能大道2号",
        industries="hydrogen safety-emergency",
        services="type validate perf inspect",
        tier="municipal", legal=True,
        main="开展高压储氢气瓶、加氢机、阀门管件等储运加注装备的型式试验与安全验证。",
        desc="平台建有 87.5 MPa 氢气循环、火烧与枪击试验区，可按 GB/T 35544 开展 III 型、IV 型气瓶型式试验。"
             "加氢装备测试覆盖加注协议、计量准确度与低温预冷性能，配合防爆检验开展电气设备认证。"
             "可为企业提供氢脆敏感性材料筛选和泄漏检测方案验证。",
        equip="h2_cycle ex_test electrolyzer_bench",
        tests="h2_cylinder explosion_proof electrolyzer_safety",
        experts=[("教授级高工", "高压氢安全"), ("研究员", "氢脆与材料相容性")],
    ),
    dict(
        name="北京福瑞医学影像人工智能辅助诊断中试平台",
        operator="北京福瑞智影医疗科技有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_huangcun", address="北京市大兴区金星西路3号",
        industries="medical-devices ai",
        services="rd validate perf",
        tier="cultivating", legal=True,
        main="为医学影像 AI 软件提供多中心数据标注、算法性能评测和三类证临床评价前验证。",
        desc="平台与 12 家医院建立脱敏影像数据合作，覆盖肺结节、眼底、骨折等病种，标注流程遵循 GB/T 42755-2023。"
             "提供独立测试集下的敏感度、特异度与 AUC 评测，以及算法泛化性（不同设备厂商、层厚）分析。"
             "协助企业完成软件版本控制、网络安全与数据安全文档，为注册申报做准备。",
        equip="mlu_servers pathology_scanner",
        tests="ml_labeling model_bench",
        experts=[("主任医师", "医学影像诊断"), ("副教授", "医学图像分析")],
    ),
    dict(
        name="北京康源体外诊断试剂中试平台",
        operator="北京康源生物工程有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区生物医药产业基地庆丰西路16号",
        industries="medical-devices biologics",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="提供诊断用抗原、抗体原料的表达纯化和化学发光试剂的放大生产。",
        desc="平台拥有 50 L 发酵和 200 L 哺乳细胞表达能力，可生产重组抗原和单克隆抗体诊断原料，"
             "批间一致性通过 SPR 亲和力与 SDS-PAGE 纯度控制。化学发光试剂线可完成磁珠包被、"
             "吖啶酯标记与分装，配全自动化学发光分析仪做性能评估。"
             "可为下游试剂企业提供原料批间一致性报告与加速稳定性数据，缩短供应商导入周期。",
        equip="sus_bioreactor_200 akta_avant biacore chemiluminescence",
        tests="ivd_precision",
        experts=[("研究员", "诊断抗体开发")],
    ),
    dict(
        name="北京安科新型安全应急装备中试平台",
        operator="北京安科应急装备技术有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_xihongmen", address="北京市大兴区西红门镇宏业路11号",
        industries="safety-emergency robotics",
        services="rd validate type perf",
        tier="cultivating", legal=True,
        main="面向消防救援机器人、矿用防爆装备和个体防护产品，提供试验验证与型式检验预测试。",
        desc="平台建有消防救援机器人测试场，可模拟高温辐射（800 ℃ 热源）、浓烟、涉水与台阶越障工况。"
             "防爆试验室开展隔爆外壳静压与内部点燃不传爆试验，服务矿山与化工场景防爆电气设备。"
             "个体防护实验室可测试安全帽冲击吸收和耐穿刺性能。",
        equip="fire_robot_field ex_test helmet_impact",
        tests="explosion_proof helmet",
        experts=[("研究员", "应急救援装备"), ("高级工程师", "防爆电气")],
    ),
    dict(
        name="北京兴卫细胞治疗GMP中试平台",
        operator="北京兴卫生物技术有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区生物医药产业基地永旺西路26号",
        industries="cell-gene-therapy",
        services="scaleup pilot inspect",
        tier="cultivating", legal=True,
        main="开展间充质干细胞、NK 细胞产品的 GMP 工艺放大与临床样品制备。",
        desc="平台建有 B 级背景 A 级操作的细胞制备间 6 间，采用多层细胞工厂与微载体生物反应器两条工艺路线，"
             "单批可扩增至 10¹⁰ 细胞。质控覆盖细胞表型、活率、无菌、支原体与内毒素，"
             "建立主细胞库/工作细胞库三级管理。可提供冻存复苏稳定性研究与运输验证。",
        equip="flow_cytometer sus_bioreactor_200 qpcr",
        tests="mycoplasma sterility endotoxin",
        experts=[("研究员", "干细胞工程")],
    ),
    dict(
        name="北京中研疫苗工艺放大中试平台",
        operator="北京中研生物制品有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区生物医药产业基地天富大街9号",
        industries="biologics",
        services="rd scaleup pilot",
        tier="municipal", legal=True,
        main="提供重组蛋白疫苗与多糖结合疫苗的工艺开发、放大和临床样品生产。",
        desc="平台具备微生物发酵（500 L）、CHO 细胞培养（200 L）与多糖提取纯化能力，"
             "可开展结合工艺、佐剂吸附与制剂配制研究。生物安全二级实验室支持动物免疫原性评价。"
             "按疫苗 GMP 附录建立质量体系，支持 I–II 期临床批生产。",
        equip="fermenter_train sus_bioreactor_200 akta_pilot tff",
        tests="sterility endotoxin stability_ich",
        experts=[("研究员", "疫苗工艺"), ("主任药师", "疫苗质量控制")],
    ),
    dict(
        name="北京大兴新能源汽车电驱动系统中试平台",
        operator="北京兴驰电驱动科技有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_caiyu", address="北京市大兴区采育镇采和路8号",
        industries="icv-nev",
        services="improve pilot perf type",
        tier="cultivating", legal=True,
        main="提供扁线电机、SiC 电控与电驱总成的小批量试制和台架性能、耐久测试。",
        desc="平台拥有扁线电机定子发卡成形、激光焊接与浸漆中试线，月产 300 台套。"
             "250 kW 电驱动总成测试台可测效率 MAP、NVH 与高速耐久，配环境舱开展 -40 ℃ 冷启动。"
             "可为 SiC 功率模块企业提供电控系统级验证。",
        equip="edrive_bench climate_chamber shaker_es50",
        tests="vehicle_env ev_safety",
        experts=[("高级工程师", "电驱动系统")],
    ),
    dict(
        name="北京大兴多肽与寡核苷酸药物中试平台",
        operator="北京兴肽生物医药科技有限公司", kind="enterprise", entity="91",
        region="110115", site="dx_biobase", address="北京市大兴区生物医药产业基地庆丰东路8号",
        industries="innovative-drugs biologics",
        services="improve scaleup pilot perf",
        tier="municipal", legal=True,
        main="提供 GLP-1 类多肽、siRNA 与反义寡核苷酸（ASO）药物的合成工艺放大和临床样品生产。",
        desc="平台配置 Fmoc 固相多肽合成中试系统（单批 0.1–2 mol）和 100 mmol 级寡核苷酸合成仪，"
             "可完成司美格鲁肽类长效多肽的片段缩合与侧链修饰。纯化线采用动态轴向压缩制备色谱与冻干，"
             "产品纯度 ≥98%，单杂 ≤0.5%。分析平台可测定有关物质、序列确证与醋酸/TFA 残留，"
             "支持多肽原料药的工艺验证与申报。",
        equip="peptide_synth oligo_synth prep_hplc lyophilizer lcms_orbitrap",
        tests="peptide_purity residual_solvent endotoxin",
        experts=[("研究员", "多肽药物化学"), ("高级工程师", "寡核苷酸工艺")],
    ),
    # ------------------------------------------------------------------ 昌平区 110114
    dict(
        name="北京生命园抗体药物发现与CMC中试平台",
        operator="北京生命园百拓生物科技有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_lifepark", address="北京市昌平区中关村生命科学园生命园路29号",
        industries="biologics pharma-health",
        services="rd scaleup perf",
        tier="municipal", legal=True,
        main="提供全人源抗体发现、细胞株开发与上游工艺放大至 200 L 的一体化服务。",
        desc="平台拥有转基因小鼠与噬菌体展示双平台的抗体发现能力，6 个月内可交付候选分子。"
             "CHO 细胞株开发采用单克隆性成像确认，滴度可达 5 g/L 以上。"
             "ambr 250 完成工艺表征后放大至 200 L 一次性反应器，提供 Tox 批样品和稳定性数据。",
        equip="ambr250 sus_bioreactor_200 biacore maurice akta_avant",
        tests="charge_variants method_validation",
        experts=[("研究员", "抗体工程"), ("研究员", "细胞株开发")],
    ),
    dict(
        name="北京昌平基因编辑动物模型中试平台",
        operator="北京百模生物科技有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_lifepark", address="北京市昌平区中关村生命科学园科学园路12号",
        industries="pharma-health innovative-drugs",
        services="rd perf share",
        tier="cultivating", legal=True,
        main="提供人源化小鼠、疾病模型构建及药效学评价，支撑新药临床前研究。",
        desc="平台拥有 SPF 级动物设施 1200 笼位，利用 CRISPR/Cas9 构建点突变、条件敲除与人源化靶点小鼠。"
             "药效学平台覆盖肿瘤免疫、代谢与自身免疫疾病模型，可与 PD-1、CD3 双抗等候选药开展体内药效比较。"
             "配套病理数字切片与 AI 辅助阅片。",
        equip="ivc pathology_scanner flow_cytometer",
        tests="tox28",
        experts=[("研究员", "实验动物模型")],
    ),
    dict(
        name="北京未来能源储能电站安全测评中试平台",
        operator="北京未来储能安全技术有限公司", kind="platform_operator", entity="91",
        region="110114", site="cp_future", address="北京市昌平区未来科学城北七家镇鲁家山路18号",
        industries="energy-storage safety-emergency",
        services="type perf validate",
        tier="municipal", legal=True,
        main="面向电化学储能，提供电芯-模组-系统三级性能、安全与并网测试验证。",
        desc="平台配置加速量热仪、滥用安全舱和 630 kW 电网模拟器，可开展电芯热失控、模组热蔓延和 PCS 并网测试。"
             "依据 GB/T 36276-2023 出具储能电池性能与安全报告；可针对液冷储能柜开展全尺寸燃烧与灭火有效性试验。"
             "为储能电站提供 BMS 策略验证和消防方案评估。",
        equip="arc abuse_tester pcs_grid battery_cycler",
        tests="ess_cell pcs_grid_test un383",
        experts=[("教授级高工", "储能安全"), ("研究员", "电池热失控机理")],
    ),
    dict(
        name="北京未来科学城高温合金与燃机热端部件中试平台",
        operator="北京未来动力材料科技有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_future", address="北京市昌平区未来科学城南区英才南一街8号",
        industries="new-materials aerospace",
        services="improve scaleup pilot perf",
        tier="municipal", legal=True,
        main="开展燃气轮机与航空发动机单晶叶片、热障涂层的工艺改进和小批量试制。",
        desc="平台拥有定向凝固炉、陶瓷型芯制备与精密铸造线，可试制单晶涡轮叶片。"
             "热障涂层（TBC）线提供 EB-PVD 与等离子喷涂，配热循环与高温氧化试验。"
             "材料评价包括高温持久、蠕变与金相分析，支撑燃机热端部件国产化验证。",
        equip="hip sem utm_100kn tga_dsc blt_s400",
        tests="tensile_metal vickers",
        experts=[("研究员", "单晶高温合金"), ("研究员", "热障涂层")],
    ),
    dict(
        name="北京昌平数控机床可靠性中试平台",
        operator="北京精机数控研究院有限公司", kind="platform_operator", entity="91",
        region="110114", site="cp_sciencepark", address="北京市昌平区科技园区超前路35号",
        industries="cnc-machine-tools high-end-equipment",
        services="improve validate perf type",
        tier="municipal", legal=True,
        main="为国产数控机床和功能部件提供精度检测、可靠性加载试验与数控系统应用验证。",
        desc="平台可依据 GB/T 17421.2-2023 和 ISO 230-2 测量数控轴线定位精度与重复定位精度，"
             "配激光干涉仪、球杆仪与五轴 RTCP 检测装置。电主轴与滚珠丝杠可靠性试验台开展千小时加载试验，"
             "统计 MTBF。提供国产数控系统在五轴加工中心上的工艺验证与切削试验。",
        equip="kede_5axis xl80 ballbar spindle_bench cmm",
        tests="machine_accuracy machine_iso230",
        experts=[("教授级高工", "机床可靠性"), ("副教授", "数控系统")],
    ),
    dict(
        name="北京沙河手术机器人中试平台",
        operator="北京沙河智能医疗机器人有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_shahe", address="北京市昌平区沙河镇沙河高教园区南丰路6号",
        industries="medical-devices robotics",
        services="rd pilot validate type",
        tier="cultivating", legal=True,
        main="开展骨科、腔镜手术机器人的样机试制、精度验证与动物实验评价。",
        desc="平台配备激光跟踪仪与光学导航精度评估系统，可测量机械臂绝对定位精度与导航配准误差。"
             "设有模拟手术室和动物实验室，支持腔镜器械寿命与力反馈性能测试。"
             "协助企业开展 GB 9706 系列预检和可用性工程（人因）验证。",
        equip="laser_tracker kuka_kr210 esa615 vicon",
        tests="med_safety robot_perf",
        experts=[("主任医师", "骨科机器人手术"), ("教授", "医疗机器人")],
    ),
    dict(
        name="北京昌平先进陶瓷材料中试平台",
        operator="北京中材瓷科新材料有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_sciencepark", address="北京市昌平区科技园区昌盛路18号",
        industries="new-materials integrated-circuits",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="提供氮化硅、氮化铝陶瓷基板与半导体设备用精密陶瓷部件的成形、烧结放大。",
        desc="平台拥有流延成形、冷等静压、气压烧结与放电等离子烧结设备，可制备热导率 ≥170 W/(m·K) 的氮化铝基板。"
             "精密加工线完成陶瓷静电卡盘、气体分配盘的研磨与激光打孔。"
             "表征覆盖热导率、弯曲强度、介电性能与显微结构分析。",
        equip="sps xrd sem laser_particle",
        tests="xrd_phase particle_size",
        experts=[("研究员", "结构陶瓷")],
    ),
    dict(
        name="北京昌平钙钛矿叠层光伏中试线",
        operator="北京光启钙钛矿科技有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_sciencepark", address="北京市昌平区科技园区白浮泉路10号",
        industries="photovoltaic new-materials",
        services="scaleup pilot perf",
        tier="municipal", legal=True,
        main="建设 600×1200 mm 钙钛矿单结及钙钛矿/晶硅叠层组件中试线，开展效率与稳定性验证。",
        desc="中试线采用狭缝涂布与真空蒸镀复合工艺，年产能约 10 MW，组件稳态效率 >18%。"
             "叠层电池研发线在异质结底电池上制备钙钛矿顶电池，小面积效率超过 30%。"
             "测试平台提供 AAA+ 太阳模拟器、湿热与光浸润老化，按 IEC 61215 开展预认证测试。",
        equip="perovskite_coater sun_simulator dh_chamber el_tester",
        tests="pv_iv pv_iec61215",
        experts=[("研究员", "钙钛矿光伏"), ("高级工程师", "光伏组件可靠性")],
    ),
    dict(
        name="北京华胶医用生物材料中试平台",
        operator="北京华胶生物材料有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_lifepark", address="北京市昌平区回龙观镇中关村生命科学园东路8号",
        industries="medical-devices new-materials",
        services="improve scaleup pilot",
        tier="cultivating", legal=True,
        main="开展重组胶原蛋白、透明质酸等医用生物材料的发酵纯化与敷料、填充剂制剂放大。",
        desc="平台以毕赤酵母表达重组 III 型胶原蛋白，500 L 发酵产率 >10 g/L，纯化至医用级。"
             "制剂线可生产创面敷料、凝胶与交联填充剂，配流变仪评价交联度与注射推力。"
             "提供生物相容性评价与 II/III 类器械注册资料支持。",
        equip="fermenter_train rheometer tff lyophilizer",
        tests="cytotox endotoxin",
        experts=[("研究员", "生物医用材料")],
    ),
    dict(
        name="北京昌平特高压绝缘材料中试平台",
        operator="北京电科绝缘材料有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_future", address="北京市昌平区未来科学城滨河大道58号",
        industries="new-materials green-low-carbon",
        services="improve scaleup perf",
        tier="cultivating", legal=True,
        main="为特高压输变电设备提供环氧绝缘件、硅橡胶复合绝缘材料的配方优化与放大试制。",
        desc="平台拥有真空浇注与 APG 自动压力凝胶成形设备，可试制 1100 kV GIS 盆式绝缘子。"
             "硅橡胶混炼与挤出线用于复合绝缘子伞裙配方研究，配耐漏电起痕与电蚀损试验。"
             "提供局部放电、介电强度与老化寿命评估。",
        equip="dma tga_dsc rheometer xenon",
        tests="xenon_ageing dsc_plastic",
        experts=[("教授级高工", "高电压绝缘")],
    ),
    dict(
        name="北京昌平天然药物纯化中试平台",
        operator="北京百草源药业科技有限公司", kind="enterprise", entity="91",
        region="110114", site="cp_baishan", address="北京市昌平区马池口镇北小营村南",
        industries="pharma-health innovative-drugs",
        services="improve scaleup pilot",
        tier="cultivating", legal=False,
        main="开展天然产物单体药物和植物药的提取纯化工艺放大。",
        desc="平台拥有超临界 CO₂ 萃取（50 L×2）、模拟移动床色谱与制备液相，"
             "可将紫杉醇、青蒿素类天然产物的纯化工艺放大至公斤级。"
             "提供结构确证（NMR、高分辨质谱）和杂质谱研究，支持原料药注册。"
             "车间按原料药 GMP 要求设计，可生产 I 期临床用样品并提供溶剂残留与元素杂质控制策略。",
        equip="extraction_tcm column_macro nmr qtof",
        tests="residual_solvent method_validation",
        experts=[("研究员", "天然药物化学")],
    ),
    # ------------------------------------------------------------------ 怀柔区 110116
    dict(
        name="怀柔科学城极端条件材料表征中试平台",
        operator="北京雁栖湖科创中试服务有限公司", kind="platform_operator", entity="91",
        region="110116", site="hr_scicity", address="北京市怀柔区雁栖镇杨雁东一路8号院",
        industries="new-materials instruments-sensors",
        services="perf share validate",
        tier="municipal", legal=True,
        main="开放怀柔科学城交叉研究平台的低温、强磁场、超高压表征能力，服务新材料企业中试验证。",
        desc="平台对接综合极端条件实验装置的成果转化需求，提供 1.8–400 K、±9 T 的电输运、比热与磁性测量，"
             "以及金刚石对顶砧超高压拉曼表征。面向超导带材、磁性材料和拓扑材料企业提供批次性能一致性检测。"
             "提供按机时共享的预约服务，并可协助申请首都科技创新券。",
        equip="ppms raman afm xps",
        tests="xrd_phase",
        experts=[("研究员", "凝聚态物理实验"), ("研究员", "超导材料")],
    ),
    dict(
        name="怀柔科学城科学仪器工程化中试平台",
        operator="北京怀柔仪器工程技术有限公司", kind="platform_operator", entity="91",
        region="110116", site="hr_scicity", address="北京市怀柔区雁栖经济开发区乐园大街37号",
        industries="instruments-sensors high-end-equipment",
        services="rd scaleup pilot validate",
        tier="municipal", legal=True,
        main="将大科学装置与科研院所的原理样机转化为可量产的科学仪器，提供工程化设计、试制与验证。",
        desc="平台聚焦质谱仪、电子显微镜部件、光谱仪等高端科学仪器，设有精密机加、真空装调与电子学调试车间。"
             "飞行时间质谱整机联调平台可完成离子光学仿真、整机装配与分辨率标定。"
             "提供可靠性与 EMC 摸底测试，支持小批量（10–50 台）试制，帮助仪器初创企业跨越工程化“死亡之谷”。",
        equip="tof_ms_proto uhv_system cmm emc_3m",
        tests="ite_emi ite_safety",
        experts=[("研究员", "质谱仪器"), ("教授级高工", "真空与电子光学")],
    ),
    dict(
        name="怀柔高端光谱与光学检测仪器中试平台",
        operator="北京雁栖光谱仪器有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_yanqi", address="北京市怀柔区雁栖经济开发区雁栖大街53号",
        industries="instruments-sensors optoelectronics",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="提供拉曼、荧光与近红外光谱仪的光学模组装调、定标和小批量试产。",
        desc="平台拥有光栅光谱仪装调线与激光器老化工位，可完成光路准直、波长定标与杂散光测试。"
             "小型化拉曼模组月产 200 台，适配食品安全和药品原辅料快检场景。"
             "提供光谱数据库建设与化学计量学模型验证服务。",
        equip="raman spectrophotometer zygo",
        tests="optics_surface",
        experts=[("研究员", "光谱仪器")],
    ),
    dict(
        name="怀柔真空与低温传感器中试平台",
        operator="北京中科真空传感技术有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_yanqi", address="北京市怀柔区雁栖经济开发区雁栖路6号",
        industries="instruments-sensors cryogenics",
        services="rd pilot metro perf",
        tier="cultivating", legal=True,
        main="开展真空计、低温温度传感器的研制、试产与校准，服务大科学装置与半导体设备。",
        desc="平台建有超高真空校准系统（5×10⁻⁹ Pa）和 1.5–300 K 低温温度计比对装置，"
             "可试产电容薄膜真空计、冷阴极规与铑铁、氧化钌低温温度传感器。"
             "计量实验室提供真空计与温度传感器校准，出具 CNAS 校准证书。"
             "产品可在 10⁻⁷ Pa 与 4 K 条件下进行长期稳定性考核，服务电子束设备、稀释制冷机等国产化配套。",
        equip="uhv_system temp_bath ppms",
        tests="vacuum_gauge thermometer_cal",
        experts=[("研究员", "真空计量"), ("副研究员", "低温测温")],
    ),
    dict(
        name="怀柔材料基因组高通量中试平台",
        operator="北京材创智能材料研究院有限公司", kind="platform_operator", entity="91",
        region="110116", site="hr_scicity", address="北京市怀柔区雁栖镇雁栖湖东路10号",
        industries="new-materials ai",
        services="rd scaleup perf",
        tier="municipal", legal=True,
        main="结合高通量计算、组合材料制备与 AI 逆向设计，加速合金、催化与电池材料配方筛选与放大。",
        desc="平台拥有组合磁控溅射、高通量微区 XRD 与自动化表征机器人，单批可制备并筛选 1000 个成分点。"
             "AI 平台基于材料数据库训练性能预测模型，给出下一轮实验建议，研发周期缩短约一半。"
             "优选配方可直接在真空熔炼与粉末制备线上放大至公斤级。",
        equip="sputter xrd sem ascend_cluster",
        tests="xrd_phase",
        experts=[("研究员", "材料基因组"), ("副研究员", "机器学习材料设计")],
    ),
    dict(
        name="怀柔结构生物学冷冻电镜中试服务平台",
        operator="北京雁栖结构生物科技有限公司", kind="platform_operator", entity="91",
        region="110116", site="hr_scicity", address="北京市怀柔区雁栖镇中科院大学雁栖湖校区东门北侧",
        industries="pharma-health instruments-sensors",
        services="perf share rd",
        tier="cultivating", legal=True,
        main="为创新药企业提供膜蛋白、抗体-抗原复合物的冷冻电镜结构解析与基于结构的药物设计支持。",
        desc="平台配置 300 kV 冷冻透射电镜和自动化制样系统，单颗粒分辨率优于 2.5 Å。"
             "提供蛋白表达纯化、负染筛选、数据采集与三维重构全流程，常规项目 4–6 周交付结构。"
             "可对接 AI 药物设计，开展变构位点发现与抗体表位分析。",
        equip="cryo_em vitrobot akta_avant",
        tests="cryoem_service",
        experts=[("研究员", "结构生物学")],
    ),
    dict(
        name="怀柔商用车智能网联零部件中试平台",
        operator="北京怀柔汽车零部件检测有限公司", kind="platform_operator", entity="91",
        region="110116", site="hr_yangsong", address="北京市怀柔区杨宋镇凤翔东大街9号",
        industries="icv-nev",
        services="type perf validate",
        tier="cultivating", legal=True,
        main="面向重卡与商用车，提供电子电气零部件环境可靠性、EMC 与线控底盘功能验证。",
        desc="平台依托怀柔商用车产业基础，建有 10 米法整车电波暗室和零部件三综合试验箱，"
             "可开展 GB/T 28046 系列环境试验和 GB 34660 整车 EMC。"
             "线控制动与转向 HIL 台架用于自动驾驶重卡干线物流场景验证。"
             "提供 72 h 高温高湿带电耐久与盐雾试验，评估底盘域控制器在重载工况下的可靠性。",
        equip="emc_10m shaker_es50 hil walkin_chamber",
        tests="vehicle_env vehicle_emc",
        experts=[("高级工程师", "商用车电子电气")],
    ),
    dict(
        name="怀柔红螺功能食品中试平台",
        operator="北京红螺食品科技有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_miaocheng", address="北京市怀柔区庙城镇庙城大街19号",
        industries="health-food",
        services="improve scaleup pilot inspect",
        tier="cultivating", legal=True,
        main="为功能食品和特医食品企业提供配方验证、工艺放大与小批量试产。",
        desc="平台拥有 UHT 超高温瞬时杀菌、喷雾干燥与冻干三条中试线，可生产液态饮品、固体饮料与益生菌冻干粉。"
             "检测室开展营养成分、微生物与加速货架期试验。"
             "可按 SC 许可要求协助建立 HACCP 体系。",
        equip="uht_pilot spray_dryer_pilot freeze_dryer_food vitek",
        tests="food_micro food_protein probiotic_count shelf_life",
        experts=[("高级工程师", "食品工艺")],
    ),
    dict(
        name="怀柔科学城空间环境与推进试验中试平台",
        operator="北京雁栖空天试验技术有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_scicity", address="北京市怀柔区怀北镇科学城北区航天路1号",
        industries="aerospace",
        services="type perf validate",
        tier="municipal", legal=True,
        main="为商业航天提供卫星电推进、空间环境效应和部组件力热环境试验服务。",
        desc="平台建有电推进真空羽流试验舱（真空度 1×10⁻⁴ Pa 工作状态），可开展霍尔、离子推力器寿命试验。"
             "空间环境模拟涵盖热真空、原子氧与紫外辐照，评价热控涂层与柔性太阳翼材料的退化。"
             "力学试验覆盖正弦、随机振动与冲击。",
        equip="tvac shaker_big xps",
        tests="tvac_test gjb150",
        experts=[("研究员", "空间电推进"), ("研究员", "空间环境效应")],
    ),
    dict(
        name="怀柔MEMS气体传感器中试平台",
        operator="北京感知芯微电子有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_yanqi", address="北京市怀柔区雁栖经济开发区兴科西大街2号",
        industries="mems instruments-sensors",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展 MEMS 微热板金属氧化物气体传感器的晶圆级制造、封装和标定。",
        desc="平台在 6 英寸 MEMS 工艺上制备微热板，功耗 <15 mW，敏感材料采用喷墨打印沉积。"
             "封装后在 8 路动态配气系统中标定甲烷、氢气、VOC 等 20 余种气体响应，"
             "可提供温湿度补偿算法与模组化设计，服务燃气报警、氢能泄漏监测与车内空气质量检测。"
             "平台年产能约 50 万颗，可为客户提供 UL 2075、EN 50194 认证前的响应时间与长期漂移数据。",
        equip="gas_sensor_test dicing_saw wire_bonder climate_chamber",
        tests="gas_sensor damp_heat",
        experts=[("研究员", "气敏材料与器件")],
    ),
    dict(
        name="怀柔地球物理观测仪器中试平台",
        operator="北京地科仪器技术有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_town", address="北京市怀柔区迎宾中路1号",
        industries="instruments-sensors safety-emergency",
        services="rd pilot metro validate",
        tier="cultivating", legal=True,
        main="研制宽频带地震计、MEMS 加速度计与重力仪，为地震监测预警和地质灾害防治提供装备验证。",
        desc="平台建有超低频振动标定台（0.01–100 Hz）和地下恒温观测山洞，可进行地震计自噪声和长期漂移测试。"
             "小批量试产宽频带地震计与强震仪，年产 500 台。"
             "与地震台网合作开展设备入网比测，为应急管理部门提供监测装备选型数据。",
        equip="seismometer_test mems_turntable climate_chamber",
        tests="seismometer_cal cold",
        experts=[("研究员", "地震观测仪器")],
    ),
    dict(
        name="怀柔超导磁体与医用磁共振部件中试平台",
        operator="北京雁栖超导医疗设备有限公司", kind="enterprise", entity="91",
        region="110116", site="hr_yanqi", address="北京市怀柔区雁栖经济开发区永乐大街19号",
        industries="medical-devices cryogenics",
        services="rd scaleup pilot validate",
        tier="cultivating", legal=True,
        main="开展 1.5 T/3 T 磁共振超导磁体、梯度线圈的绕制工艺放大与励磁测试。",
        desc="平台拥有 NbTi 超导线绕制、环氧真空浸渍与低温杜瓦总装线，"
             "配 3 T 级磁体励磁测试系统与 4 K 制冷机。提供磁场均匀度匀场、失超保护和液氦零挥发验证。"
             "可为国产磁共振整机厂提供磁体小批量供应与联调。",
        equip="mri_magnet_test he_refrigerator ppms",
        tests="med_safety",
        experts=[("研究员", "超导磁体技术")],
    ),
    dict(
        name="怀柔AI for Science科学计算中试平台",
        operator="北京科智计算技术有限公司", kind="platform_operator", entity="91",
        region="110116", site="hr_scicity", address="北京市怀柔区雁栖镇科学城中区科学家园5号",
        industries="ai new-materials",
        services="rd share validate",
        tier="cultivating", legal=True,
        main="为材料、化学与生命科学企业提供 AI 科学计算模型开发、算力与实验闭环验证。",
        desc="平台提供分子动力学、第一性原理与 AI 势函数训练环境，GPU 与国产加速卡混合算力，"
             "支持百万原子体系模拟。与科学城实验设施联动，将模型预测的催化剂、电解质配方交由自动化实验验证，"
             "形成数据闭环。对初创企业提供模型训练算力券对接。",
        equip="ascend_cluster mlu_servers",
        tests="model_bench",
        experts=[("研究员", "计算材料学")],
    ),
    # ------------------------------------------------------------------ 朝阳区 110105
    dict(
        name="北京电子城Micro LED显示中试平台",
        operator="北京京显光电科技有限公司", kind="enterprise", entity="91",
        region="110105", site="cy_dianzicheng", address="北京市朝阳区酒仙桥路10号电子城科技园",
        industries="optoelectronics next-gen-it",
        services="scaleup pilot perf",
        tier="municipal", legal=True,
        main="开展 Micro LED 芯片巨量转移、键合与修复工艺的中试验证，交付小尺寸显示模组样品。",
        desc="平台拥有激光剥离、印章式巨量转移和倒装键合设备，可在玻璃基与硅基背板上完成 0.5–2 英寸模组试制，"
             "转移良率统计精确到单颗像素。检测修复线采用 PL/EL 全检定位坏点并激光修复。"
             "服务 AR 近眼显示和车载透明显示项目。",
        equip="microled_transfer flip_chip sphere probe_station",
        tests="photometry",
        experts=[("研究员", "新型显示"), ("高级工程师", "LED 芯片工艺")],
    ),
    dict(
        name="北京望京6G与卫星互联网通信中试平台",
        operator="北京星联六维通信技术有限公司", kind="enterprise", entity="91",
        region="110105", site="cy_wangjing", address="北京市朝阳区望京东园四区8号",
        industries="6g next-gen-it aerospace",
        services="rd validate perf",
        tier="cultivating", legal=True,
        main="提供太赫兹、通感一体化与手机直连卫星终端的原型验证和射频性能测试。",
        desc="平台搭建 100–300 GHz 太赫兹信道测量与原型验证系统，以及低轨卫星信道模拟器。"
             "可对手机直连卫星终端开展链路预算、多普勒补偿与切换性能测试。"
             "提供毫米波 OTA 暗室共享，支持 5G-A 终端预研。",
        equip="uxa ota_chamber gnss_sim cmw500",
        tests="nr_rf",
        experts=[("教授", "无线通信"), ("研究员", "卫星通信")],
    ),
    dict(
        name="北京朝阳医疗器械软件与数字疗法测评中试平台",
        operator="北京数智医疗评测科技有限公司", kind="platform_operator", entity="91",
        region="110105", site="cy_wangjing", address="北京市朝阳区望京街10号望京SOHO",
        industries="medical-devices ai",
        services="perf validate type",
        tier="cultivating", legal=True,
        main="为独立软件类医疗器械（SaMD）与数字疗法产品提供功能、网络安全与临床评价前测评。",
        desc="平台依据医疗器械软件注册审查指导原则开展软件确认测试、网络安全漏洞扫描和数据脱敏核查。"
             "针对 AI 辅助决策软件提供第三方测试集评估。"
             "可为数字疗法 App 开展可用性测试和真实世界数据收集方案设计。",
        equip="mlu_servers spirent",
        tests="model_bench risk_mgmt classified_protection",
        experts=[("高级工程师", "医疗器械软件")],
    ),
    dict(
        name="北京朝阳集成电路设计FPGA原型验证中试平台",
        operator="北京芯原型科技有限公司", kind="platform_operator", entity="91",
        region="110105", site="cy_dianzicheng", address="北京市朝阳区酒仙桥北路甲10号院",
        industries="integrated-circuits",
        services="rd validate share",
        tier="cultivating", legal=True,
        main="为芯片设计企业提供 EDA 云环境、FPGA 原型验证与 SoC 回片测试。",
        desc="平台部署多片大容量 FPGA 原型系统，支持 20 亿门级 SoC 原型化，"
             "提供国产 EDA 工具共享与 IP 验证服务。回片后可在 V93000 测试机上开展特性测试与量产测试程序开发。"
             "帮助中小设计公司降低首次流片风险。",
        equip="ate_v93000 probe_station",
        tests="wafer_param",
        experts=[("高级工程师", "SoC 验证")],
    ),
    dict(
        name="北京金盏生物样本分析与临床检测中试平台",
        operator="北京金盏生物医药研究有限公司", kind="platform_operator", entity="91",
        region="110105", site="cy_jinzhan", address="北京市朝阳区金盏乡金盏国际合作服务区金盏南路18号",
        industries="pharma-health biologics",
        services="perf inspect",
        tier="cultivating", legal=True,
        main="为临床阶段药物提供药代、免疫原性与生物标志物的生物样本分析服务。",
        desc="平台按 GLP 与 GCP 要求建立生物分析实验室，LC-MS/MS 与 ELISA/MSD 平台可进行小分子、"
             "抗体和 ADC 的血药浓度测定与抗药抗体（ADA）检测。"
             "样本库配备 -80 ℃ 与液氮存储，全程温度监控与样本追踪。"
             "方法学验证遵循 ICH M10 生物分析方法验证指导原则，可承接国际多中心临床试验样本。",
        equip="lcms_orbitrap qtof flow_cytometer",
        tests="method_validation",
        experts=[("研究员", "生物分析")],
    ),
    # ------------------------------------------------------------------ 顺义区 110113
    dict(
        name="北京顺义第三代半导体碳化硅中试线",
        operator="北京顺芯宽禁带半导体有限公司", kind="enterprise", entity="91",
        region="110113", site="sy_park", address="北京市顺义区林河经济开发区林河南大街9号",
        industries="integrated-circuits new-materials icv-nev",
        services="scaleup pilot perf validate",
        tier="municipal", legal=True,
        main="开展 6/8 英寸 SiC 外延、MOSFET 器件与功率模块的工艺开发和小批量试产。",
        desc="中试线具备 SiC 外延、高温离子注入、栅氧与金属化工艺，可流片 1200 V/1700 V SiC MOSFET。"
             "模块封装线采用银烧结与铜线键合，服务新能源汽车主驱与光伏逆变器。"
             "可靠性实验室开展 HTRB、H3TRB 与功率循环，按 AEC-Q101 出具报告。",
        equip="mocvd sic_implanter probe_station htol thermal_shock",
        tests="htol_test tc_jedec",
        experts=[("研究员", "宽禁带功率器件"), ("高级工程师", "SiC 外延")],
    ),
    dict(
        name="北京顺义航空发动机零部件增材制造中试平台",
        operator="北京顺航增材制造技术有限公司", kind="enterprise", entity="91",
        region="110113", site="sy_airport", address="北京市顺义区天竺空港经济开发区天柱路20号",
        industries="aerospace new-materials",
        services="improve scaleup pilot perf",
        tier="municipal", legal=True,
        main="提供航空发动机燃油喷嘴、涡轮叶片等复杂零件的金属 3D 打印工艺开发与小批量制造。",
        desc="平台配置多台金属激光选区熔化设备（最大成形 400 mm），可加工 Inconel 718、TC4 与 GH3536。"
             "后处理包括热等静压、线切割与五轴精加工。工业 CT 与金相分析评价内部缺陷，"
             "建立工艺参数包与质量追溯体系，满足航空零件首件鉴定（FAI）要求。",
        equip="eos_m290 blt_s400 hip dmu65 cmm",
        tests="tensile_metal vickers",
        experts=[("研究员", "金属增材制造"), ("高级工程师", "航空发动机制造")],
    ),
    dict(
        name="北京顺义新能源汽车三电系统测试中试平台",
        operator="北京顺驰汽车技术检测有限公司", kind="platform_operator", entity="91",
        region="110113", site="sy_auto", address="北京市顺义区仁和镇双河大街11号",
        industries="icv-nev energy-storage",
        services="type perf validate inspect",
        tier="municipal", legal=True,
        main="为新能源汽车动力电池、电驱动和整车提供性能、安全与 EMC 检测验证。",
        desc="平台拥有动力电池包测试系统、滥用安全舱、电驱动台架与四驱底盘测功机，"
             "可按 GB 38031-2025 完成电池安全检验，按 GB 18384 开展电安全。"
             "整车 EMC 暗室支持 GB 34660 与企业标准测试。提供续航与能耗工况测试。",
        equip="battery_pack_test abuse_tester edrive_bench chassis_dyno emc_10m",
        tests="ev_battery_safety pack_electrical ev_safety vehicle_emc",
        experts=[("高级工程师", "动力电池测试"), ("高级工程师", "整车 EMC")],
    ),
    dict(
        name="北京顺义智算中心液冷与绿色算力中试平台",
        operator="北京顺算绿色数据科技有限公司", kind="enterprise", entity="91",
        region="110113", site="sy_airport", address="北京市顺义区天竺综合保税区天柱东路12号",
        industries="ai green-low-carbon",
        services="validate perf rd",
        tier="cultivating", legal=True,
        main="为 AI 服务器和数据中心提供液冷方案验证、能效测试与余热利用中试。",
        desc="平台建有 500 kW 冷板与浸没式液冷测试舱，可验证冷却液兼容性、CDU 控制策略与 PUE。"
             "配合 AI 服务器满载训练，测量芯片结温、功耗与算力能效比。"
             "提供余热回收热泵系统中试与碳排放核算。",
        equip="liquid_cooling ascend_cluster",
        tests="model_bench",
        experts=[("高级工程师", "数据中心热管理")],
    ),
    dict(
        name="北京顺义低空飞行器测试中试平台",
        operator="北京顺翼低空科技有限公司", kind="enterprise", entity="91",
        region="110113", site="sy_north", address="北京市顺义区赵全营镇兆丰产业基地园盈路7号",
        industries="low-altitude-economy aerospace",
        services="validate type perf",
        tier="cultivating", legal=True,
        main="为工业无人机和物流无人机提供飞行性能、安全与适航符合性测试。",
        desc="平台拥有报备空域的外场飞行测试场与动力系统台架，可测试续航、抗风、定位精度与失控保护。"
             "依据 GB 42590-2023 开展民用无人机安全要求检验预测试，包括电子围栏、远程识别与数据链路安全。"
             "提供物流吊挂、喷洒作业等典型任务验证。",
        equip="uav_field motor_prop_bench gnss_sim",
        tests="uav_safety uav_multirotor",
        experts=[("高级工程师", "无人机适航")],
    ),
    # ------------------------------------------------------------------ 通州区 110112
    dict(
        name="北京通州精密光学元件中试平台",
        operator="北京通明光学技术有限公司", kind="enterprise", entity="91",
        region="110112", site="tz_gjd", address="北京市通州区光机电一体化产业基地兴光四街6号",
        industries="optoelectronics high-end-equipment",
        services="improve pilot perf",
        tier="cultivating", legal=True,
        main="提供非球面透镜、激光窗口与滤光片的精密加工、镀膜及检测。",
        desc="平台拥有数控研磨抛光、磁流变抛光与离子束修形设备，非球面面形精度 PV ≤λ/10。"
             "镀膜车间可制备增透、高反与窄带滤光膜，激光损伤阈值测试配套。"
             "服务激光雷达、医疗内窥镜与半导体检测设备光学部件国产化。",
        equip="zygo optical_coater spectrophotometer mtf",
        tests="optics_surface optics_coating",
        experts=[("研究员", "光学制造")],
    ),
    dict(
        name="北京通州绿色建材与低碳混凝土中试平台",
        operator="北京城副绿建科技有限公司", kind="enterprise", entity="91",
        region="110112", site="tz_city", address="北京市通州区潞城镇运河东大街56号",
        industries="new-materials green-low-carbon",
        services="improve scaleup perf",
        tier="cultivating", legal=True,
        main="开展固废基胶凝材料、低碳混凝土与装配式构件的配方验证与中试生产。",
        desc="平台利用钢渣、粉煤灰和建筑垃圾再生骨料制备低碳胶凝材料，熟料替代率可达 60%。"
             "预制构件中试线验证蒸养制度与碳化养护工艺，测试强度、耐久性与碳排放。"
             "为副中心绿色建筑项目提供材料应用验证。",
        equip="utm_100kn xrd laser_particle",
        tests="particle_size xrd_phase",
        experts=[("教授级高工", "建筑材料")],
    ),
    dict(
        name="北京通州智能仓储物流机器人中试平台",
        operator="北京运河智能物流装备有限公司", kind="enterprise", entity="91",
        region="110112", site="tz_gjd", address="北京市通州区光机电一体化产业基地嘉创路10号",
        industries="robotics intelligent-equipment",
        services="validate perf pilot",
        tier="cultivating", legal=True,
        main="提供 AMR、四向穿梭车与拣选机器人的集群调度验证和可靠性测试。",
        desc="平台建有 5000 m² 仿真仓库场景，可同时运行 200 台 AMR 进行调度算法压力测试。"
             "拣选工作站集成视觉识别与机械臂，验证混合 SKU 抓取成功率。"
             "提供 2000 h 连续运行可靠性试验与安全功能测试。",
        equip="estun_er20 vision_bench vicon",
        tests="service_robot_safety",
        experts=[("高级工程师", "物流自动化")],
    ),
    # ------------------------------------------------------------------ 丰台区 110106
    dict(
        name="北京丰台轨道交通列控装备中试平台",
        operator="北京丰轨智能装备有限公司", kind="enterprise", entity="91",
        region="110106", site="ft_scipark", address="北京市丰台区丰台科技园汽车博物馆东路6号",
        industries="intelligent-equipment next-gen-it",
        services="validate type perf",
        tier="municipal", legal=True,
        main="为城市轨道交通 CBTC 与全自动运行（FAO）系统提供仿真集成与型式试验验证。",
        desc="平台搭建 1:1 车载与轨旁设备半实物仿真环境，可模拟 20 列车同时在线运行。"
             "开展列控设备 EMC、振动冲击与高低温试验，支持 SIL4 安全评估证据收集。"
             "为国产化列控芯片与操作系统提供应用验证。",
        equip="hil emc_3m shaker_es50 climate_chamber",
        tests="vibration esd surge cold",
        experts=[("研究员", "列车运行控制")],
    ),
    dict(
        name="北京丰台北斗导航终端测试中试平台",
        operator="北京丰航导航技术有限公司", kind="enterprise", entity="91",
        region="110106", site="ft_scipark", address="北京市丰台区丰台科技园航丰路8号",
        industries="aerospace next-gen-it",
        services="perf type validate",
        tier="cultivating", legal=True,
        main="提供北斗/GNSS 接收机、组合导航模块的性能测试与抗干扰验证。",
        desc="平台配置多星座多频点 GNSS 模拟器与惯性转台，可测试定位精度、首次定位时间与抗干扰能力。"
             "提供车载、无人机组合导航的轨迹回放与 RTK 性能评估。"
             "实验室可仿真高动态、城市峡谷与多径场景，为车载与可穿戴终端提供定位性能对比报告。",
        equip="gnss_sim mems_turntable",
        tests="gnss_receiver mems_gyro",
        experts=[("研究员", "卫星导航")],
    ),
    dict(
        name="北京丰台应急救援装备中试平台",
        operator="北京京援应急科技有限公司", kind="enterprise", entity="91",
        region="110106", site="ft_nanyuan", address="北京市丰台区南苑路218号",
        industries="safety-emergency low-altitude-economy",
        services="rd validate perf",
        tier="cultivating", legal=True,
        main="开展应急通信、无人机救援与破拆装备的样机研制与实战化场景验证。",
        desc="平台建有废墟搜救模拟场与应急通信测试场，可验证便携式自组网电台、系留无人机基站的覆盖与续航。"
             "液压破拆工具测试台测量剪切力与寿命。"
             "平台与消防救援队伍共建实训场地，可在实战化演练中收集装备故障与人机工效数据。",
        equip="fire_robot_field uav_field",
        tests="uav_multirotor",
        experts=[("高级工程师", "应急救援技术")],
    ),
    # ------------------------------------------------------------------ 房山区 110111
    dict(
        name="北京燕山高端聚烯烃与特种橡胶中试平台",
        operator="北京燕化新材料科技有限公司", kind="enterprise", entity="91",
        region="110111", site="fs_yanshan", address="北京市房山区燕山岗南路1号",
        industries="new-materials",
        services="scaleup pilot improve perf",
        tier="municipal", legal=True,
        main="开展茂金属聚烯烃、POE 与溶聚丁苯橡胶等高端材料的催化剂评价、聚合放大和加工应用验证。",
        desc="平台拥有 10 L–200 L 聚合中试装置和气相/淤浆聚合评价系统，"
             "可进行催化剂活性、共聚单体插入率与分子量分布研究。"
             "改性与加工线包括双螺杆挤出、流延膜与注塑，评价光伏胶膜、汽车内饰用料性能。"
             "可为下游企业提供 50–500 kg 级试用料，配套熔体流动速率、拉伸与 DSC 结晶行为测试。",
        equip="twin_screw rheometer tga_dsc dma haitian_ma",
        tests="tensile_plastic dsc_plastic",
        experts=[("教授级高工", "聚烯烃催化"), ("高级工程师", "高分子加工")],
    ),
    dict(
        name="北京房山工业副产氢提纯中试平台",
        operator="北京良乡氢能科技有限公司", kind="enterprise", entity="91",
        region="110111", site="fs_liangxiang", address="北京市房山区良乡高教园区长于大街1号",
        industries="hydrogen green-low-carbon",
        services="scaleup validate perf",
        tier="cultivating", legal=True,
        main="开展工业副产氢变压吸附提纯与燃料电池级氢气品质验证。",
        desc="平台建有 100 Nm³/h 变压吸附（PSA）提纯中试装置，氢气纯度 ≥99.999%，"
             "配在线 CO、H₂S 等杂质分析仪。提供电解水制氢系统对比测试。"
             "装置可在石化副产氢现场开展 2000 h 连续运行，评估吸附剂寿命与氢气回收率。",
        equip="electrolyzer_bench gcms",
        tests="electrolyzer",
        experts=[("高级工程师", "气体分离")],
    ),
    dict(
        name="北京房山机器人精密减速器中试平台",
        operator="北京房山精密传动有限公司", kind="enterprise", entity="91",
        region="110111", site="fs_liangxiang", address="北京市房山区阎村镇中关村房山园智能制造基地3号",
        industries="robotics high-end-equipment",
        services="improve pilot perf",
        tier="cultivating", legal=True,
        main="提供 RV 减速器、行星滚柱丝杠的精密加工、装配与寿命测试。",
        desc="平台配备精密磨齿机、摆线轮成形磨削与恒温装配间，RV 减速器回差 ≤1 arcmin。"
             "测试台可测传动误差、扭转刚度与 6000 h 加速寿命，服务工业机器人与人形机器人腿部执行器。"
             "提供齿形修形设计与 NVH 噪声测试，帮助国产减速器企业进入协作机器人与人形机器人供应链。",
        equip="joint_bench cmm roughness",
        tests="robot_perf",
        experts=[("高级工程师", "精密减速器")],
    ),
    # ------------------------------------------------------------------ 其他区
    dict(
        name="首钢园XR扩展现实内容与终端中试平台",
        operator="北京首园虚拟现实科技有限公司", kind="platform_operator", entity="91",
        region="110107", site="sjs_shougang", address="北京市石景山区首钢园秀池南街2号",
        industries="next-gen-it ai",
        services="rd validate perf share",
        tier="cultivating", legal=True,
        main="为 XR 终端与内容企业提供光学显示测评、空间计算算法验证与虚拟制作场景共享。",
        desc="平台拥有 LED 虚拟制作影棚与动作捕捉系统，可开展实时渲染与虚实融合拍摄。"
             "终端测评覆盖显示延迟、眩晕度、光学 FOV 与舒适度人因测试。"
             "平台向中小团队开放 LED 影棚与渲染算力节点，按天计费。",
        equip="vicon ar_waveguide_test jetson_farm",
        tests="lens_mtf",
        experts=[("副教授", "虚拟现实")],
    ),
    dict(
        name="北京德胜计量测试中试服务平台",
        operator="北京德胜计量检测技术有限公司", kind="platform_operator", entity="91",
        region="110102", site="xc_desheng", address="北京市西城区德胜门外大街83号",
        industries="instruments-sensors",
        services="metro inspect",
        tier="cultivating", legal=True,
        main="为中试平台和仪器企业提供长度、温度、电学与流量计量校准及测量不确定度评定。",
        desc="实验室开展量块、三坐标、温湿度箱、数字多用表与流量计校准，出具 CNAS 校准证书。"
             "可为企业中试线编制计量确认方案，提供测量系统分析（MSA）和不确定度评定培训。"
             "实验室配备 20±0.2 ℃ 恒温长度计量间与电学屏蔽室，年出具校准证书 2 万余份。",
        equip="gauge_blocks fluke5730 temp_bath flow_cal",
        tests="uncertainty chamber_cal gauge_cal multimeter_cal flowmeter_cal",
        experts=[("正高级工程师", "几何量计量"), ("高级工程师", "热工计量")],
    ),
    dict(
        name="中关村延庆园无人机试飞中试平台",
        operator="北京延庆低空试飞科技有限公司", kind="platform_operator", entity="91",
        region="110119", site="yq_park", address="北京市延庆区八达岭经济开发区康庄镇紫光东路1号",
        industries="low-altitude-economy",
        services="validate perf type",
        tier="municipal", legal=True,
        main="依托延庆空域资源，为无人机与 eVTOL 提供试飞、适航验证与飞手培训场景。",
        desc="平台拥有 1.5 km 跑道和 10 km² 报备试飞空域，可开展固定翼、复合翼无人机的性能包线与长航时试飞。"
             "配套高原寒区环境模拟与电磁兼容测试，支持民航局适航审定所需试飞数据采集。"
             "结合延庆山地环境，可开展低温（-30 ℃）、大风与复杂地形下的飞行验证。",
        equip="uav_field wind_tunnel_low do160",
        tests="uav_safety do160_env",
        experts=[("研究员", "飞行试验")],
    ),
    dict(
        name="北京密云智能流量仪表中试平台",
        operator="北京密云精仪科技有限公司", kind="enterprise", entity="91",
        region="110118", site="my_park", address="北京市密云区经济开发区云西三街8号",
        industries="instruments-sensors smart-manufacturing",
        services="pilot metro perf",
        tier="cultivating", legal=True,
        main="开展超声波、电磁流量计与智能水表的试产、标定和型式评价预测试。",
        desc="平台建有 DN15–DN200 静态质量法液体流量标准装置，扩展不确定度 0.05%，"
             "可进行电磁与超声波流量计批量标定。提供 NB-IoT 智能水表通信与低功耗测试。"
             "提供型式评价大纲预审与计量器具型式批准申请辅导。",
        equip="flow_cal climate_chamber cmw500",
        tests="flowmeter_cal damp_heat",
        experts=[("高级工程师", "流量计量")],
    ),
    dict(
        name="北京平谷农业食品营养健康中试平台",
        operator="北京平谷食研科技有限公司", kind="enterprise", entity="91",
        region="110117", site="pg_park", address="北京市平谷区马坊镇金河北街13号",
        industries="health-food synthetic-biology",
        services="improve scaleup pilot",
        tier="cultivating", legal=True,
        main="开展植物基蛋白、益生菌与大桃深加工产品的配方与工艺中试。",
        desc="平台拥有双螺杆高水分挤压、超高压杀菌与冻干设备，可试制植物基肉、即食果品与益生菌粉。"
             "发酵车间提供 50 L–500 L 菌剂扩培。检测室开展营养成分与微生物指标检测。",
        equip="extruder_food hpp freeze_dryer_food fermenter_train",
        tests="food_protein food_micro probiotic_count",
        experts=[("研究员", "食品营养")],
    ),
]
