"""Hand-written demo platforms for 中山市 (442000). 演示数据：种子文件（中山科发〔2025〕73号）点名的平台
与机构名称照录；其运营细节、设备、地址门牌与联系人均为示意或虚构。
Field shorthand: see _demo_beijing.py.
"""

PLATFORMS = [
    # ------------------------------------------------------------------ seed-named platforms
    dict(
        name="精密五金检验检测与快速成型中试平台",
        operator="中山市小榄精密五金创新中心有限公司", kind="platform_operator", entity="91",
        region="442000118", site="zs_xiaolan", address="广东省中山市小榄镇升平中路8号小榄五金创新园",
        industries="precision-hardware high-end-manufacturing",
        services="inspect improve pilot perf type",
        tier="municipal", legal=True,
        main="服务小榄五金、锁具与厨卫企业，提供检验检测、金属/光固化快速成型和表面处理工艺改进。",
        desc="平台配备金属激光选区熔化、光固化 3D 打印与走心机、慢走丝等精密加工设备，"
             "新品手板与功能样件 48 小时内交付。检测实验室具备 CMA 资质，开展锁具强度与耐久、"
             "中性盐雾、镀层厚度与附着力检测，覆盖 GA/T 73、GB/T 10125 等标准。"
             "表面处理团队帮助企业由六价铬电镀向 PVD、无铬钝化等绿色工艺转型。",
        equip="eos_m290 sla_printer swiss_lathe wire_edm salt_spray lock_tester",
        tests="lock_safety salt_fog coating_adhesion corrosion_rating",
        experts=[("高级工程师", "五金表面处理"), ("高级工程师", "快速成型")],
    ),
    dict(
        name="数控机床研发中试平台",
        operator="中山市数控装备技术研究院有限公司", kind="platform_operator", entity="91",
        region="442000115", site="zs_banfu", address="广东省中山市板芙镇智能制造装备产业园芙中路18号",
        industries="cnc-machine-tools high-end-equipment",
        services="rd improve validate perf",
        tier="cultivating", legal=True,
        main="为本地机床企业提供数控系统集成、精度检测、可靠性试验与切削工艺验证。",
        desc="平台拥有国产五轴立式加工中心、激光干涉仪、球杆仪与电主轴可靠性加载试验台，"
             "可按 GB/T 17421.2 检验数控轴线定位精度。"
             "研发团队开展热误差补偿、振动抑制与国产数控系统适配，服务钻攻中心、走心机等产品迭代。"
             "提供千小时可靠性考核与 MTBF 统计。",
        equip="kede_5axis xl80 ballbar spindle_bench cmm",
        tests="machine_accuracy machine_iso230",
        experts=[("教授级高工", "数控机床设计"), ("副教授", "机床热误差补偿")],
    ),
    dict(
        name="智能制造系统中试平台",
        operator="中山火炬智能制造创新中心有限公司", kind="platform_operator", entity="91",
        region="442000003", site="zs_torch", address="广东省中山市火炬开发区中山港大道70号",
        industries="smart-manufacturing robotics ai",
        services="rd validate improve",
        tier="municipal", legal=True,
        main="为传统制造企业提供产线数字化改造方案验证、工业机器人集成与 MES 系统中试。",
        desc="平台建有可重构柔性装配线与机器人工作站，MES、WMS 与数字孪生系统贯通，"
             "可在改造前复现客户产线节拍并评估瓶颈。提供机器视觉质检、AGV 物流与设备联网方案的实测验证。"
             "面向灯饰、家电、五金等产业集群提供“轻量化”智能制造改造样板。",
        equip="mes_line kuka_kr210 estun_er20 vision_bench",
        tests="robot_perf",
        experts=[("高级工程师", "智能制造系统集成"), ("副教授", "工业互联网")],
    ),
    dict(
        name="精密光电仪器与智能装备中试平台",
        operator="中山精光仪器技术研究院有限公司", kind="platform_operator", entity="91",
        region="442000003", site="zs_torch", address="广东省中山市火炬开发区科技东路39号",
        industries="optoelectronics instruments-sensors intelligent-equipment",
        services="rd scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展光学检测仪器、激光加工装备与机器视觉装备的工程化设计、装调与小批量试制。",
        desc="平台拥有光学装调洁净间、激光干涉仪与 MTF 测量仪，可完成精密光学系统装调与像质评价。"
             "飞秒激光微加工系统用于玻璃、蓝宝石微孔加工工艺验证。"
             "装备试制线提供电控、软件与整机可靠性测试，支撑光电仪器首台（套）验证。",
        equip="zygo mtf fs_laser spectrophotometer climate_chamber",
        tests="lens_mtf optics_surface",
        experts=[("研究员", "光电仪器"), ("高级工程师", "激光加工装备")],
    ),
    dict(
        name="药品创新型制剂CMC/CMO\u201c一站式\u201d服务中试平台",
        operator="中山康晟药业科技有限公司", kind="enterprise", entity="91",
        region="442000003", site="zs_health", address="广东省中山市火炬开发区国家健康科技产业基地健康路16号",
        industries="innovative-drugs pharma-health",
        services="rd improve scaleup pilot inspect",
        tier="municipal", legal=True,
        main="提供改良型新药与复杂制剂的处方工艺开发（CMC）和临床/商业化样品合同生产（CMO）一站式服务。",
        desc="平台覆盖口服缓控释、吸入、微球与脂质体等创新型制剂，具备流化床、热熔挤出、"
             "微球乳化固化与无菌冻干设备，批量从 1 kg 放大至 100 kg。"
             "质量研究实验室开展溶出曲线、体外释放与杂质谱研究，支持中美双报。"
             "CMO 车间通过 GMP 符合性检查，可承接 MAH 持有人委托生产。",
        equip="fluid_bed hme lyophilizer dissolution inhaler_ngi uplc",
        tests="dissolution_test aerodynamic stability_ich sterility",
        experts=[("研究员", "复杂注射剂"), ("主任药师", "药品注册与 CMC")],
    ),
    dict(
        name="风光氢储一体化研发中试平台",
        operator="中山粤能风光氢储科技有限公司", kind="enterprise", entity="91",
        region="442000007", site="zs_minzhong", address="广东省中山市民众街道沿江东二路5号",
        industries="new-energy hydrogen energy-storage photovoltaic",
        services="rd validate perf scaleup",
        tier="cultivating", legal=True,
        main="开展风电-光伏-电解制氢-储能多能互补系统的研发验证与核心装备中试。",
        desc="平台建有 3 MW 风电变流器对拖试验台、1 MW 光伏实证阵列、250 kW 电解槽测试平台与 2 MWh 储能系统，"
             "可验证宽功率波动下电解槽动态响应和制氢能耗。"
             "能量管理系统支持离网/并网多模式切换策略测试。"
             "服务海上风电制氢与园区零碳微电网项目。",
        equip="wind_converter electrolyzer_bench pcs_grid battery_cycler sun_simulator",
        tests="electrolyzer pcs_grid_test",
        experts=[("研究员", "可再生能源制氢"), ("高级工程师", "风电变流器")],
    ),
    dict(
        name="先进核能概念认证中心",
        operator="中山先进核能技术研究院有限公司", kind="platform_operator", entity="91",
        region="442000008", site="zs_cuiheng", address="广东省中山市翠亨新区马安岛科创路6号",
        industries="nuclear-energy new-materials",
        services="rd validate perf",
        tier="cultivating", legal=True,
        main="为小型模块化反应堆、核能供热等先进核能概念提供热工水力、材料与设备的概念验证试验。",
        desc="中心建有 15.5 MPa/330 ℃ 高温高压热工水力回路和高温水腐蚀回路，"
             "可开展棒束临界热流密度、自然循环与应力腐蚀开裂试验。"
             "设备鉴定实验室提供核级电缆、仪表的热老化与 LOCA 模拟，为概念设计提供关键数据。"
             "与高校合作开展熔盐、液态金属冷却剂相容性研究。",
        equip="thermal_hydraulic_loop corrosion_loop eq_qualification",
        tests="nuclear_eq",
        experts=[("研究员", "反应堆热工水力"), ("研究员", "核材料腐蚀")],
    ),
    dict(
        name="创新药研发及药物安全性评价中试平台",
        operator="中科中山药物创新研究院", kind="university", entity="52",
        region="442000008", site="zs_cuiheng", address="广东省中山市翠亨新区和清路9号",
        industries="innovative-drugs pharma-health ai",
        services="rd scaleup perf inspect share",
        tier="municipal", legal=True,
        main="提供创新药靶点发现、候选药物优化、工艺放大与 GLP 药物安全性评价一体化服务。",
        desc="平台建有 AI 辅助靶点发现与分子设计平台、公斤级合成放大实验室，"
             "以及按 GLP 规范运行的安全性评价中心，可开展遗传毒性、28 天重复给药毒性与安全药理学研究。"
             "SPF 级动物设施 3000 笼位，配遥测系统与数字病理。"
             "为粤港澳大湾区药企提供从 PCC 到 IND 的临床前研究包。",
        equip="ivc telemetry biochem_au5800 pathology_scanner reactor_glass_50 lcms_orbitrap",
        tests="ames tox28 safety_pharm method_validation",
        experts=[("研究员", "药物毒理学"), ("研究员", "药物化学"), ("研究员", "AI 药物发现")],
    ),
    dict(
        name="大型低温核心技术及成套装备中试平台",
        operator="中山先进低温技术研究院", kind="university", entity="52",
        region="442000008", site="zs_cuiheng", address="广东省中山市翠亨新区翠城道18号",
        industries="cryogenics hydrogen high-end-equipment",
        services="rd scaleup validate perf",
        tier="provincial", legal=True,
        main="开展大型氦制冷、氢液化装备与低温阀门泵等核心部件的研制、放大与性能验证。",
        desc="平台拥有 20 K 下 2 kW 级氦制冷机、低温透平膨胀机试验台与低温阀门/泵性能试验台，"
             "可在 -253 ℃ 工况下测试阀门泄漏率、启闭寿命及低温泵流量扬程。"
             "提供冷箱集成、真空多层绝热与低温换热器的工程化验证，"
             "服务大科学装置、半导体特气与液氢储运装备国产化。"
             "平台支撑国家重大技术创新中试验证，可为半导体厂务与医用超导磁体提供低温系统整体解决方案。",
        equip="he_refrigerator cryo_valve_bench uhv_system",
        tests="vacuum_gauge",
        experts=[("研究员", "大型低温制冷"), ("研究员", "低温透平机械")],
    ),
    dict(
        name="液氢综合性技术研究及试验基地",
        operator="中山先进低温技术研究院", kind="university", entity="52",
        region="442000008", site="zs_cuiheng_lh2", address="广东省中山市翠亨新区南朗街道横门东岸临港路2号",
        industries="hydrogen cryogenics safety-emergency",
        services="validate type perf",
        tier="cultivating", legal=True,
        main="开展液氢生产、贮存、转注与应用全链条技术试验及液氢装备安全验证。",
        desc="基地建有 30 m³ 液氢贮存与转注试验系统、液氢泵阀试验台与安全泄放测试区，"
             "可依据 GB/T 40060-2021 验证液氢储罐蒸发率、转注损失与安全泄放。"
             "支撑国家重大技术创新中试验证，提供液氢加注与车载液氢瓶的功能验证。"
             "试验区按独立防爆区设计，配备氢气浓度、火焰探测与紧急排放系统。",
        equip="lh2_tank cryo_valve_bench he_refrigerator ex_test",
        tests="lh2_storage explosion_proof",
        experts=[("研究员", "液氢储运"), ("高级工程师", "氢安全")],
    ),
    dict(
        name="长春理工大学中山研究院光电检测与激光加工中试平台",
        operator="长春理工大学中山研究院", kind="university", entity="12",
        region="442000008", site="zs_cuiheng", address="广东省中山市翠亨新区翠亨大道1号",
        industries="optoelectronics intelligent-equipment",
        services="rd perf pilot share",
        tier="municipal", legal=False,
        main="依托高校光学工程学科，提供光学元件检测、光电系统集成与激光精密加工中试服务。",
        desc="平台具备面形干涉测量、镀膜光谱测试与 MTF 测量能力，可检测 Φ150 mm 以内光学元件。"
             "激光加工室配置飞秒激光微加工系统，开展玻璃通孔、柔性电路切割与表面微纳结构加工。"
             "提供激光雷达、红外热像仪等光电系统的性能测试与环境适应性验证。",
        equip="zygo spectrophotometer mtf fs_laser",
        tests="optics_surface optics_coating lens_mtf",
        experts=[("教授", "光学检测"), ("教授", "激光加工")],
    ),
    dict(
        name="中国检科院大湾区研究院消费品与食品安全检测中试平台",
        operator="中国检科院大湾区研究院", kind="university", entity="12",
        region="442000003", site="zs_torch", address="广东省中山市火炬开发区逸仙路12号",
        industries="health-food home-appliances textile-apparel",
        services="inspect perf metro",
        tier="municipal", legal=True,
        main="为食品、化妆品、家电与纺织消费品企业提供质量安全检测、标准验证与出口合规服务。",
        desc="平台具备食品微生物、添加剂与污染物检测，纺织品安全与家用电器安全检测能力，"
             "出具 CMA/CNAS 报告。标准验证团队跟踪欧美日韩技术法规，为出口企业提供合规诊断。"
             "面向中试阶段新产品提供“检测+标准+认证”组合服务。",
        equip="icp_ms gcms hplc vitek safety_ite",
        tests="food_micro food_additive textile_safety appliance_safety rohs",
        experts=[("研究员", "食品安全检测"), ("研究员", "消费品技术法规")],
    ),
    dict(
        name="中山市北京理工大学研究院智能无人系统与低空飞行器中试平台",
        operator="中山市北京理工大学研究院", kind="university", entity="12",
        region="442000003", site="zs_torch", address="广东省中山市火炬开发区博凯路8号",
        industries="low-altitude-economy robotics ai",
        services="rd validate perf",
        tier="cultivating", legal=True,
        main="开展无人机、无人车与无人艇的控制算法、动力系统和任务载荷的中试验证。",
        desc="平台拥有室内动捕飞行场、动力系统测试台与低速风洞，"
             "可测试电动垂直起降飞行器（eVTOL）缩比样机的气动与控制性能。"
             "无人车测试场支持园区物流与巡检场景验证，无人艇在近岸水域开展测试。"
             "提供仿真-半实物-外场三级验证流程。",
        equip="vicon motor_prop_bench wind_tunnel_low uav_field",
        tests="uav_multirotor",
        experts=[("教授", "无人系统控制"), ("副教授", "飞行器设计")],
    ),
    dict(
        name="中山市武汉理工大学先进工程技术研究院先进复合材料与汽车轻量化中试平台",
        operator="中山市武汉理工大学先进工程技术研究院", kind="university", entity="12",
        region="442000003", site="zs_torch", address="广东省中山市火炬开发区会展东路16号",
        industries="new-materials icv-nev",
        services="rd scaleup pilot perf",
        tier="municipal", legal=False,
        main="开展热塑性复合材料、轻量化汽车结构件与先进陶瓷的制备放大与性能验证。",
        desc="平台拥有连续纤维增强热塑性预浸带生产线、模压成形与热压罐设备，"
             "可试制电池包上盖、座椅骨架等轻量化部件。"
             "材料测试覆盖拉伸、弯曲、冲击与疲劳，配合 CAE 仿真完成结构优化。"
             "可为游艇、新能源汽车企业提供材料替代验证。",
        equip="prepreg_line autoclave_composite utm_100kn servo_fatigue sps",
        tests="composite_tensile tensile_plastic",
        experts=[("教授", "复合材料"), ("教授", "汽车轻量化")],
    ),
    # ------------------------------------------------------------------ 其他镇街
    dict(
        name="古镇灯饰光电检测与智能照明中试平台",
        operator="中山市古镇灯饰产业技术服务有限公司", kind="platform_operator", entity="91",
        region="442000105", site="zs_guzhen", address="广东省中山市古镇镇中兴大道南1号",
        industries="optoelectronics home-appliances",
        services="inspect perf improve type",
        tier="municipal", legal=True,
        main="为灯饰照明企业提供光度色度、安规、EMC 与能效检测及智能照明产品开发验证。",
        desc="平台拥有分布光度计、2 m 积分球与 3 米法电波暗室，可测配光曲线、光效、显色指数与频闪。"
             "依据 GB 7000.1、GB/T 17743 与 GB 17625.1 开展安规、无线电骚扰与谐波测试。"
             "智能照明实验室验证 DALI、Zigbee、蓝牙 Mesh 调光协议互通，服务出口与国内电商产品。",
        equip="goniophotometer sphere emc_3m safety_ite glow_wire",
        tests="lamp_safety lighting_emi harmonic photometry glow_wire_test",
        experts=[("高级工程师", "照明检测"), ("高级工程师", "LED 驱动电源")],
    ),
    dict(
        name="横栏智能照明驱动电源中试平台",
        operator="中山市横栏光电科技有限公司", kind="enterprise", entity="91",
        region="442000110", site="zs_henglan", address="广东省中山市横栏镇富庆一路6号",
        industries="optoelectronics next-gen-it",
        services="improve pilot perf",
        tier="cultivating", legal=True,
        main="开展 LED 驱动电源、智能调光模块的方案开发、SMT 试产与可靠性验证。",
        desc="平台拥有 SMT 贴片中试线与老化房，可试产 5–300 W 恒流驱动电源与无线调光模组。"
             "可靠性测试包括浪涌、ESD、高温老化与开关寿命。"
             "帮助灯具企业解决频闪、EMC 超标等典型问题。",
        equip="pcb_smt esd_surge climate_chamber",
        tests="surge esd lighting_emi",
        experts=[("高级工程师", "开关电源")],
    ),
    dict(
        name="东凤小家电安全与能效中试平台",
        operator="中山市东凤小家电创新服务中心有限公司", kind="platform_operator", entity="91",
        region="442000103", site="zs_dongfeng", address="广东省中山市东凤镇东富路1号东凤家电城",
        industries="home-appliances smart-manufacturing",
        services="inspect perf improve",
        tier="municipal", legal=True,
        main="为电饭煲、空气炸锅、电热水壶等小家电企业提供安全、能效与性能检测及结构改进。",
        desc="平台具备 GB 4706 系列家电安全检测、能效实验室与灼热丝、耐久寿命测试能力，"
             "可出具 CCC 认证预测试报告。性能实验室开展烹饪均匀性与米饭口感评价。"
             "工程团队协助企业进行发热盘、温控器选型与外观结构改进。",
        equip="appliance_energy glow_wire safety_ite climate_chamber",
        tests="appliance_safety appliance_energy_test glow_wire_test",
        experts=[("高级工程师", "家电安全")],
    ),
    dict(
        name="南头智能家电物联网模组中试平台",
        operator="中山市南头智联科技有限公司", kind="enterprise", entity="91",
        region="442000111", site="zs_nantou", address="广东省中山市南头镇南头大道中36号",
        industries="home-appliances next-gen-it ai",
        services="rd pilot validate",
        tier="cultivating", legal=True,
        main="开展智能家电 Wi-Fi/蓝牙模组、语音交互与云平台联调的方案验证与试产。",
        desc="平台提供射频性能与协议一致性测试，可验证模组在整机环境下的吞吐与断连率。"
             "语音实验室模拟家庭噪声场景评估离线语音识别率。"
             "SMT 线支持 1000 片级模组试产。",
        equip="cmw500 pcb_smt jetson_farm",
        tests="ite_emi esd",
        experts=[("高级工程师", "物联网通信")],
    ),
    dict(
        name="黄圃健康食品与预制菜中试平台",
        operator="中山市黄圃食品科技有限公司", kind="enterprise", entity="91",
        region="442000101", site="zs_huangpu", address="广东省中山市黄圃镇食品工业园健民路9号",
        industries="health-food",
        services="improve scaleup pilot inspect",
        tier="cultivating", legal=True,
        main="开展腊味低盐化改良、预制菜工艺标准化与冷链货架期验证。",
        desc="平台拥有低温腌制、热风烘干与超高压杀菌设备，开展广式腊味低亚硝酸盐工艺研究。"
             "预制菜中试线提供调理、速冻与气调包装，配合加速货架期试验确定保质期。"
             "检测室开展微生物、亚硝酸盐与营养成分检测。",
        equip="hpp freeze_dryer_food vitek",
        tests="food_micro food_moisture shelf_life",
        experts=[("高级工程师", "肉制品加工")],
    ),
    dict(
        name="沙溪休闲服装柔性快反中试平台",
        operator="中山市沙溪服装产业服务有限公司", kind="platform_operator", entity="91",
        region="442000106", site="zs_shaxi", address="广东省中山市沙溪镇隆都路38号",
        industries="textile-apparel smart-manufacturing",
        services="improve pilot rd",
        tier="cultivating", legal=True,
        main="为休闲服装企业提供 3D 数字设计、智能裁剪与柔性吊挂小单快反试产。",
        desc="平台配备 3D 虚拟样衣、自动排料与智能裁床，面料利用率提升 3–5 个百分点。"
             "柔性吊挂线可承接 50 件起订的直播电商订单。"
             "检测室开展纺织品安全与色牢度测试。",
        equip="cad_garment body_scanner mes_line color_fastness",
        tests="textile_safety rub_fastness",
        experts=[("高级工程师", "服装工程")],
    ),
    dict(
        name="大涌牛仔绿色水洗中试平台",
        operator="中山市大涌牛仔科技有限公司", kind="enterprise", entity="91",
        region="442000116", site="zs_dayong", address="广东省中山市大涌镇岐涌路南28号",
        industries="textile-apparel green-low-carbon",
        services="improve pilot perf",
        tier="cultivating", legal=True,
        main="开展牛仔服装激光雕花、臭氧水洗与低浴比节水工艺的中试验证。",
        desc="平台拥有激光雕花机、臭氧水洗机与纳米气泡水洗设备，可替代高锰酸钾喷马骝与石磨工艺，"
             "节水 50% 以上。废水回用装置开展水质与回用率验证。"
             "检测强力、色牢度与尺寸变化。",
        equip="sample_dyeing fabric_strength color_fastness membrane_pilot",
        tests="fabric_tensile rub_fastness",
        experts=[("高级工程师", "牛仔洗水工艺")],
    ),
    dict(
        name="三角电子化学品新材料中试平台",
        operator="中山市三角新材料科技有限公司", kind="enterprise", entity="91",
        region="442000109", site="zs_sanjiao", address="广东省中山市三角镇高平化工区福泽路5号",
        industries="new-materials integrated-circuits",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展 PCB 电子化学品、封装环氧塑封料与导热界面材料的配方放大。",
        desc="平台拥有 500 L 反应釜、三辊研磨与真空脱泡设备，可将导热凝胶、底部填充胶放大至吨级。"
             "测试能力包括导热系数、黏度、Tg 与离子杂质，服务封装与消费电子客户。"
             "产品可按客户要求开展 85 ℃/85%RH 可靠性试验与回流焊兼容性评估。",
        equip="reactor_ss_500 rheometer tga_dsc icp_ms",
        tests="dsc_plastic rohs",
        experts=[("高级工程师", "电子封装材料")],
    ),
    dict(
        name="阜沙锂电正极材料中试平台",
        operator="中山市阜沙新能材料有限公司", kind="enterprise", entity="91",
        region="442000112", site="zs_fusha", address="广东省中山市阜沙镇阜港路66号",
        industries="energy-storage new-materials",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展磷酸锰铁锂、高镍三元正极材料的烧结工艺放大与扣电/软包评价。",
        desc="平台拥有辊道窑、气流粉碎与包覆设备，单线产能 100 t/年。"
             "评价实验室制作扣式与软包电池，测试比容量、倍率与高温循环。"
             "配 XRD、激光粒度与比表面积分析。",
        equip="xrd laser_particle bet battery_cycler glovebox",
        tests="particle_size bet_test xrd_phase",
        experts=[("高级工程师", "正极材料")],
    ),
    dict(
        name="坦洲家用医疗器械中试平台",
        operator="中山市坦洲康健医疗科技有限公司", kind="enterprise", entity="91",
        region="442000107", site="zs_tanzhou", address="广东省中山市坦洲镇界狮南路22号",
        industries="medical-devices home-appliances",
        services="rd improve pilot type",
        tier="cultivating", legal=True,
        main="开展电子血压计、制氧机、雾化器等家用医疗器械的设计验证与注册检验预检。",
        desc="平台提供 GB 9706.1 安规与 YY 9706.102 EMC 预测试，配合整改设计。"
             "试产线支持 500 台级小批量装配与老化。"
             "协助企业编制二类器械注册技术文档与风险管理文件。",
        equip="esa615 emc_3m climate_chamber pcb_smt",
        tests="med_safety med_emc risk_mgmt",
        experts=[("高级工程师", "家用医疗器械")],
    ),
    dict(
        name="三乡中药大健康提取中试平台",
        operator="中山市三乡本草健康科技有限公司", kind="enterprise", entity="91",
        region="442000114", site="zs_sanxiang", address="广东省中山市三乡镇金涌大道168号",
        industries="pharma-health health-food",
        services="improve scaleup pilot",
        tier="cultivating", legal=True,
        main="开展岭南中药材提取、功能成分富集与药食同源产品中试。",
        desc="平台拥有多功能提取、真空浓缩与喷雾干燥设备，可处理 300 kg/批药材。"
             "开发凉茶浓缩液、陈皮提取物等产品，配合指纹图谱控制质量。"
             "平台按保健食品 GMP 要求设计洁净区，可承接委托加工与注册检验送样批次生产。",
        equip="extraction_tcm spray_dryer_pilot hplc",
        tests="food_micro elemental_impurity",
        experts=[("研究员", "中药提取工艺")],
    ),
    dict(
        name="港口游戏游艺设备检测中试平台",
        operator="中山市港口游艺装备技术服务有限公司", kind="platform_operator", entity="91",
        region="442000108", site="zs_gangkou", address="广东省中山市港口镇游艺大道3号",
        industries="intelligent-equipment home-appliances",
        services="inspect perf improve",
        tier="cultivating", legal=True,
        main="为游戏游艺与文旅设备企业提供安全检测、可靠性测试与产品改进服务。",
        desc="平台具备游艺设备结构强度、电气安全与运动部件防护测试能力，"
             "开展投币机构与按键 100 万次寿命试验。"
             "提供 VR 体验设备的眩晕与人机工效评估。"
             "检测报告可用于出口欧美的产品合规申报。",
        equip="arcade_test safety_ite shaker_es50",
        tests="arcade_safety appliance_safety",
        experts=[("高级工程师", "游乐设施安全")],
    ),
    dict(
        name="西区工业机器人集成应用中试平台",
        operator="中山市西区智造机器人有限公司", kind="enterprise", entity="91",
        region="442000004", site="zs_west", address="广东省中山市西区翠景道南88号",
        industries="robotics smart-manufacturing",
        services="validate pilot improve",
        tier="cultivating", legal=True,
        main="为家电、五金企业提供焊接、打磨、码垛机器人工作站的工艺验证与试运行。",
        desc="平台拥有多品牌工业机器人与视觉引导系统，可验证不锈钢打磨、铝合金焊接等工艺参数。"
             "客户可带料试做，评估节拍、良率与投资回收期。"
             "平台提供机器人操作与编程培训，帮助中小企业培养运维人员。",
        equip="kuka_kr210 estun_er20 vision_bench",
        tests="robot_perf robot_safety",
        experts=[("高级工程师", "机器人应用")],
    ),
    dict(
        name="南区电子信息PCBA中试平台",
        operator="中山市南区电子科技服务有限公司", kind="platform_operator", entity="91",
        region="442000005", site="zs_south", address="广东省中山市南区城南二路9号",
        industries="next-gen-it home-appliances",
        services="pilot perf inspect",
        tier="cultivating", legal=True,
        main="提供 PCBA 快速打样、小批量贴装与功能测试、环境可靠性验证。",
        desc="平台拥有 SMT 贴片线、选择性波峰焊与 3D AOI，支持 0201 元件与 BGA 贴装，24 小时快样。"
             "可靠性测试包括温度循环、振动与 X-Ray 焊点检测。"
             "平台可承接智能家电、灯饰控制板 1–5000 片的小批量订单，并提供 DFM 可制造性分析。",
        equip="pcb_smt xray_inspect thermal_shock",
        tests="tc_jedec damp_heat",
        experts=[("高级工程师", "电子组装工艺")],
    ),
    dict(
        name="五桂山细胞治疗与再生医学中试平台",
        operator="中山市五桂山生物科技有限公司", kind="enterprise", entity="91",
        region="442000006", site="zs_wuguishan", address="广东省中山市五桂山街道长命水大道12号",
        industries="cell-gene-therapy pharma-health",
        services="scaleup pilot inspect",
        tier="cultivating", legal=True,
        main="开展间充质干细胞、外泌体产品的 GMP 制备工艺与质量研究。",
        desc="平台建有 B 级细胞制备间与外泌体超滤纯化线，可规模化制备脐带间充质干细胞。"
             "质控涵盖流式表型、无菌、支原体与内毒素检测。"
             "为医疗机构开展干细胞临床研究备案提供制剂。",
        equip="flow_cytometer tff qpcr",
        tests="mycoplasma sterility endotoxin",
        experts=[("研究员", "再生医学")],
    ),
    dict(
        name="东区工业视觉人工智能中试平台",
        operator="中山市东区智眼科技有限公司", kind="enterprise", entity="91",
        region="442000002", site="zs_east", address="广东省中山市东区博爱六路28号",
        industries="ai smart-manufacturing",
        services="rd validate perf",
        tier="cultivating", legal=True,
        main="为制造企业提供工业视觉缺陷检测算法开发、边缘部署与产线验证。",
        desc="平台构建五金、灯饰与家电外观缺陷数据集 50 万张，训练小样本检测模型。"
             "边缘 AI 测试阵列评估模型在国产芯片上的时延与功耗，产线验证误检率与漏检率。"
             "平台提供 2 周 POC 验证，帮助企业评估视觉质检替代人工的投入产出。",
        equip="vision_bench jetson_farm",
        tests="model_bench ml_labeling",
        experts=[("副教授", "计算机视觉")],
    ),
    dict(
        name="火炬开发区生物药抗体CDMO中试平台",
        operator="中山健康基地生物制药有限公司", kind="enterprise", entity="91",
        region="442000003", site="zs_health", address="广东省中山市火炬开发区国家健康科技产业基地康泰路8号",
        industries="biologics pharma-health",
        services="rd scaleup pilot inspect",
        tier="municipal", legal=True,
        main="提供单抗、融合蛋白的细胞株开发、200–2000 L 工艺放大与临床样品生产。",
        desc="平台拥有 200 L 与 2000 L 一次性生物反应器原液线和西林瓶灌装线，"
             "质控实验室开展电荷异构体、糖型与宿主蛋白残留检测。"
             "可承接港澳与大湾区生物药初创企业的 IND 申报样品生产。"
             "平台建立了覆盖无菌保障与病毒安全的质量体系，可开展病毒清除验证的缩小模型研究。",
        equip="sus_bioreactor_2000 sus_bioreactor_200 akta_pilot maurice vial_filling",
        tests="charge_variants sterility endotoxin",
        experts=[("研究员", "生物药工艺"), ("主任药师", "生物制品质量")],
    ),
    dict(
        name="神湾低空飞行器试飞验证中试平台",
        operator="中山市神湾低空科技有限公司", kind="enterprise", entity="91",
        region="442000117", site="zs_shenwan", address="广东省中山市神湾镇神湾大道中100号",
        industries="low-altitude-economy aerospace",
        services="validate perf type",
        tier="cultivating", legal=True,
        main="为 eVTOL 与物流无人机提供试飞场地、适航验证数据采集与飞手培训。",
        desc="平台拥有近海与丘陵两类试飞空域，可开展航程、抗风与降落精度试验。"
             "配合 DO-160G 机载设备环境试验与动力系统台架，支持适航审定。"
             "平台与海事部门协同开展近海物流航线试运行，积累低空运营数据。",
        equip="uav_field motor_prop_bench do160",
        tests="uav_safety do160_env",
        experts=[("高级工程师", "飞行试验")],
    ),
    dict(
        name="石岐计量测试中试服务平台",
        operator="中山市精准计量检测技术中心", kind="platform_operator", entity="12",
        region="442000001", site="zs_shiqi", address="广东省中山市石岐街道民族东路28号",
        industries="instruments-sensors high-end-manufacturing",
        services="metro inspect",
        tier="municipal", legal=True,
        main="为中试平台与制造企业提供长度、热工、电学、流量计量校准和测量能力验证。",
        desc="实验室拥有量块标准装置、精密恒温槽、多功能校准源与液体流量标准装置，"
             "可开展三坐标、环境试验箱、压力表等校准，出具 CNAS 校准证书。"
             "提供中试平台仪器设备计量确认与测量系统分析。"
             "实验室年服务企业超过 3000 家，可上门开展大型设备现场校准。",
        equip="gauge_blocks temp_bath fluke5730 flow_cal pressure_cal",
        tests="uncertainty chamber_cal gauge_cal pressure_verify flowmeter_cal",
        experts=[("正高级工程师", "计量技术")],
    ),
    dict(
        name="小榄智能门锁检测与可靠性中试平台",
        operator="中山市小榄智能锁具技术服务有限公司", kind="platform_operator", entity="91",
        region="442000118", site="zs_xiaolan2", address="广东省中山市小榄镇工业大道中21号",
        industries="precision-hardware home-appliances",
        services="inspect perf improve",
        tier="cultivating", legal=True,
        main="为智能门锁企业提供 GA 374 电子防盗锁检测、指纹/人脸识别性能与可靠性测试。",
        desc="平台具备锁体机械强度、防技术开启、电子防盗与 10 万次开关耐久测试能力，"
             "可评估指纹识别拒识率、人脸识别防假体攻击。"
             "配合盐雾、高低温与 ESD 测试，提供整改建议。"
             "平台熟悉公安行业标准检验流程，可出具送检前的整改报告。",
        equip="lock_tester salt_spray climate_chamber esd_surge",
        tests="e_lock lock_safety salt_fog esd",
        experts=[("高级工程师", "锁具检测")],
    ),
]
