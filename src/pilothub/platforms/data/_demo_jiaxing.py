"""Hand-written demo platforms for 嘉兴市 (330400). 演示数据：运营单位与联系人均为虚构。
Field shorthand: see _demo_beijing.py.
"""

PLATFORMS = [
    # ------------------------------------------------------------------ 南湖区 330402
    dict(
        name="嘉兴科技城柔性电子中试平台",
        operator="嘉兴长三角柔性电子技术研究院有限公司", kind="platform_operator", entity="91",
        region="330402", site="nh_kejicheng", address="浙江省嘉兴市南湖区亚太路778号嘉兴科技城",
        industries="new-materials optoelectronics",
        services="rd scaleup pilot perf",
        tier="municipal", legal=True,
        main="提供柔性电路、可拉伸传感器与印刷电子器件的卷对卷工艺放大和可靠性测试。",
        desc="平台建有幅宽 300 mm 的卷对卷（R2R）丝网/喷墨印刷线和低温烧结单元，可在 PI、PET 与 TPU 基材上"
             "制备导电线路与柔性压力传感阵列。弯折测试机可开展 20 万次动态弯折，配合高低温湿热评估可靠性。"
             "面向可穿戴健康监测、汽车座舱触控和智能服装，提供样品到千片级试产。",
        equip="sputter climate_chamber sem afm",
        tests="damp_heat cold",
        experts=[("研究员", "柔性电子材料"), ("副教授", "印刷电子工艺")],
    ),
    dict(
        name="嘉兴集成电路封装测试中试平台",
        operator="嘉兴芯测半导体技术有限公司", kind="enterprise", entity="91",
        region="330402", site="nh_kejicheng", address="浙江省嘉兴市南湖区大桥镇亚中路588号",
        industries="packaging-testing integrated-circuits",
        services="pilot perf inspect share",
        tier="municipal", legal=True,
        main="为长三角芯片设计企业提供 QFN/BGA/SiP 封装打样、成品测试与可靠性验证。",
        desc="平台拥有划片、装片、引线键合与塑封完整封装线，支持 QFN、LGA、BGA 及 SiP 模组小批量封装，"
             "交期 7–10 天。测试区配备模拟/混合信号测试机，可开发量产测试程序与三温测试。"
             "可靠性实验室提供预处理（MSL）、温度循环与 HAST 试验，满足消费级与工业级认证需求。",
        equip="dicing_saw wire_bonder ate_sts8200 xray_inspect hast thermal_shock",
        tests="tc_jedec hast_test fa",
        experts=[("高级工程师", "集成电路封装"), ("高级工程师", "芯片测试程序开发")],
    ),
    dict(
        name="嘉兴南湖合成生物制造中试平台",
        operator="嘉兴禾元生物制造有限公司", kind="enterprise", entity="91",
        region="330402", site="nh_kejicheng", address="浙江省嘉兴市南湖区凌公塘路3339号",
        industries="synthetic-biology health-food",
        services="scaleup pilot improve",
        tier="municipal", legal=True,
        main="为合成生物初创企业提供从摇瓶到 5 吨级发酵的工艺放大和下游提取纯化中试。",
        desc="平台拥有 50 L、500 L、5 m³ 三级发酵罐组和连续离心、膜过滤、结晶干燥下游单元，"
             "可生产 HMO 母乳低聚糖、麦角硫因、胶原蛋白肽等食品与化妆品原料。"
             "工艺开发团队提供补料策略优化与尾气在线分析，帮助客户降低单位发酵成本。"
             "车间按食品生产许可要求设计，可直接产出客户送审样品。",
        equip="fermenter_train biolector disc_centrifuge membrane_pilot spray_dryer_pilot",
        tests="food_micro probiotic_count",
        experts=[("研究员", "发酵工程"), ("高级工程师", "生物分离工程")],
    ),
    dict(
        name="嘉兴高值医用耗材中试平台",
        operator="嘉兴康创医疗器械有限公司", kind="enterprise", entity="91",
        region="330402", site="nh_city", address="浙江省嘉兴市南湖区中环南路1369号",
        industries="medical-devices",
        services="improve scaleup pilot type",
        tier="cultivating", legal=True,
        main="开展血管介入支架、球囊导管等高值耗材的激光切割、电化学抛光与小批量试产。",
        desc="平台配备管材激光切割机与电化学抛光线，可加工钴铬合金、镍钛合金支架，切缝宽度 ≤20 μm。"
             "球囊成型机与导管编织设备支持 PTCA 球囊导管试制。"
             "检测能力覆盖支架径向支撑力、脉动疲劳（4 亿次）与涂层药物释放，协助注册检验。",
        equip="stent_laser electroforce catheter_extrusion eto_steril",
        tests="stent_fatigue cytotox eo_residue",
        experts=[("高级工程师", "介入器械工艺")],
    ),
    dict(
        name="嘉兴功能食品与特医食品中试平台",
        operator="嘉兴禾康健康食品有限公司", kind="enterprise", entity="91",
        region="330402", site="nh_city", address="浙江省嘉兴市南湖区东栅街道常秀街1111号",
        industries="health-food",
        services="improve scaleup pilot inspect",
        tier="municipal", legal=True,
        main="为健康食品企业提供配方开发、粉剂/液体饮料/片剂中试与检测服务。",
        desc="平台建有固体饮料、压片糖果与液态饮品三条柔性中试线，单批 50–500 kg，"
             "可承接益生菌、膳食纤维、蛋白粉等产品试产。UHT 杀菌与无菌灌装支持植物饮品开发。"
             "检测室具备 CMA 资质，开展营养成分、微生物与污染物检测，并提供标签合规审核。",
        equip="uht_pilot spray_dryer_pilot tablet_press vitek hplc",
        tests="food_protein food_moisture food_micro food_additive",
        experts=[("高级工程师", "食品配方"), ("主管技师", "食品微生物检验")],
    ),
    dict(
        name="嘉兴汽车电子与智能传感中试平台",
        operator="嘉兴智感汽车电子有限公司", kind="enterprise", entity="91",
        region="330402", site="nh_kejicheng", address="浙江省嘉兴市南湖区昌盛南路36号",
        industries="icv-nev mems",
        services="pilot perf validate",
        tier="cultivating", legal=True,
        main="开展车规压力、位置与毫米波雷达传感器的试产及车规级可靠性验证。",
        desc="平台拥有 SMT 贴片中试线与传感器标定线，可试产胎压监测、电池包压力与电机位置传感器。"
             "可靠性按 ISO 16750 / GB/T 28046 系列开展温度冲击、机械振动与湿热试验，"
             "配 EMC 预测试。支持 AEC-Q 认证前的器件筛选。",
        equip="pcb_smt thermal_shock shaker_es50 pressure_cal",
        tests="vehicle_env pressure_sensor",
        experts=[("高级工程师", "汽车电子可靠性")],
    ),
    dict(
        name="嘉兴市跨领域检验检测中试公共服务平台",
        operator="嘉兴市质量技术检测研究院", kind="platform_operator", entity="12",
        region="330402", site="nh_city", address="浙江省嘉兴市南湖区广益路1288号",
        industries="new-materials textile-apparel intelligent-equipment health-food",
        services="inspect metro type share",
        tier="municipal", legal=True,
        main="发布跨领域检测服务清单，为中试企业提供材料、纺织、电器与食品检验检测和计量校准。",
        desc="平台由市场监管系统检测机构建设，具备 CMA 与 CNAS 资质，覆盖材料力学、纺织品安全、"
             "家用电器安全、食品理化与微生物等 2000 余项参数。计量实验室提供长度、温度、压力与电学校准。"
             "对中试平台培育库企业执行市场化统一定价，并提供标准查新与检测方案设计。",
        equip="utm_100kn salt_spray icp_oes fabric_strength temp_bath",
        tests="tensile_metal salt_fog textile_safety appliance_safety food_micro",
        experts=[("正高级工程师", "产品质量检验"), ("高级工程师", "计量校准")],
    ),
    # ------------------------------------------------------------------ 秀洲区 330411
    dict(
        name="秀洲高效晶硅电池中试线",
        operator="嘉兴秀能光伏科技有限公司", kind="enterprise", entity="91",
        region="330411", site="xz_gaoxin", address="浙江省嘉兴市秀洲区高新区康和路1288号",
        industries="photovoltaic",
        services="scaleup pilot improve perf",
        tier="municipal", legal=True,
        main="开展 TOPCon、HJT 与 BC 电池新工艺、新浆料和新设备的中试验证。",
        desc="中试线兼容 M10/G12 硅片，具备制绒、硼扩、LPCVD/PECVD 隧穿氧化层与多晶硅沉积、丝网印刷与烧结。"
             "可在量产等效条件下验证银包铜浆料、0BB 无主栅和激光辅助烧结等降本工艺，每批 2000–10000 片。"
             "配套 EL/PL 检测与效率分档，输出与量产线对标的数据报告。",
        equip="hjt_line sun_simulator el_tester",
        tests="pv_iv",
        experts=[("高级工程师", "晶硅电池工艺"), ("研究员", "光伏金属化")],
    ),
    dict(
        name="嘉兴光伏组件可靠性检测中试平台",
        operator="嘉兴国光新能源检测有限公司", kind="platform_operator", entity="91",
        region="330411", site="xz_gaoxin", address="浙江省嘉兴市秀洲区高新区加创路1500号",
        industries="photovoltaic energy-storage",
        services="type perf inspect",
        tier="provincial", legal=True,
        main="为光伏组件、接线盒与封装材料提供 IEC 61215/61730 设计定型与可靠性检测。",
        desc="平台具备湿热、热循环、湿冻、PID、机械载荷与冰雹试验全套能力，年检测组件 5000 块以上。"
             "封装胶膜、背板可进行黄变、剥离强度与水汽透过率测试。"
             "实验室获 CNAS 认可，报告可用于 CQC、TÜV 认证预评估，并开展户外实证发电量对比。",
        equip="sun_simulator dh_chamber el_tester xenon",
        tests="pv_iec61215 pv_safety pv_iv",
        experts=[("高级工程师", "光伏组件测试"), ("高级工程师", "封装材料")],
    ),
    dict(
        name="王江泾再生纤维与绿色印染中试平台",
        operator="嘉兴王江泾纺织科技服务有限公司", kind="platform_operator", entity="91",
        region="330411", site="xz_wangjiangjing", address="浙江省嘉兴市秀洲区王江泾镇纺织工业园区南江路8号",
        industries="textile-apparel green-low-carbon",
        services="improve scaleup perf inspect",
        tier="municipal", legal=True,
        main="面向喷水织造与印染企业，提供再生聚酯纤维织造、少水印染与数码印花的工艺中试。",
        desc="平台拥有小样染色机、数码印花机和超临界 CO₂ 无水染色试验装置，可对再生涤纶仿真丝面料开展工艺优化。"
             "提供中水回用与印染废水深度处理中试，帮助企业满足纳管排放新标准。"
             "检测室可测色牢度、强力与甲醛，支持 GRS 再生认证样品送检。",
        equip="sample_dyeing digital_printing color_fastness fabric_strength",
        tests="rub_fastness fabric_tensile textile_safety",
        experts=[("高级工程师", "染整工艺")],
    ),
    dict(
        name="秀洲智能纺织装备中试平台",
        operator="嘉兴秀机智能装备有限公司", kind="enterprise", entity="91",
        region="330411", site="xz_gaoxin", address="浙江省嘉兴市秀洲区洪兴西路1368号",
        industries="intelligent-equipment textile-apparel",
        services="rd validate pilot",
        tier="cultivating", legal=True,
        main="开展喷水织机、经编机与验布机器人的样机验证和小批量试制。",
        desc="平台设有 1200 m² 装备验证车间，可模拟纺织车间温湿度工况运行新型织机并统计停台率。"
             "AI 视觉验布机器人在幅宽 3.2 m 面料上识别 30 余类疵点，识别率验证 >95%。"
             "提供织机能耗监测与数字化改造方案验证。",
        equip="vision_bench mes_line",
        tests="model_bench",
        experts=[("高级工程师", "纺织机械")],
    ),
    dict(
        name="嘉兴一体化压铸与汽车轻量化中试平台",
        operator="嘉兴驰铸汽车零部件有限公司", kind="enterprise", entity="91",
        region="330411", site="xz_gaoxin", address="浙江省嘉兴市秀洲区新塍镇轻工路66号",
        industries="icv-nev new-materials",
        services="improve scaleup pilot perf",
        tier="municipal", legal=True,
        main="提供免热处理铝合金一体化压铸件的模具试制、工艺开发和样件验证。",
        desc="平台配备 2500 t 级一体化压铸单元与真空系统，可试制后地板、电池壳体等大型结构件。"
             "在线 X 光与工业 CT 检测气孔，配合拉伸与疲劳试验评价免热处理合金性能。"
             "提供模流仿真-试模-修模闭环，缩短新车型开发周期。",
        equip="megacasting_cell diecast utm_100kn cmm",
        tests="tensile_metal",
        experts=[("高级工程师", "压铸工艺"), ("研究员", "铝合金材料")],
    ),
    # ------------------------------------------------------------------ 嘉善县 330421
    dict(
        name="嘉善IGBT功率模块中试平台",
        operator="嘉善善芯电子科技有限公司", kind="enterprise", entity="91",
        region="330421", site="js_kfq", address="浙江省嘉兴市嘉善县经济技术开发区东升路36号",
        industries="integrated-circuits icv-nev photovoltaic",
        services="scaleup pilot perf",
        tier="municipal", legal=True,
        main="开展 IGBT、SiC 功率模块的封装工艺开发、小批量试产与功率循环可靠性测试。",
        desc="平台拥有真空回流焊、银烧结、超声键合与灌封线，可试产 62 mm、EconoDUAL 与 HPD 车规封装模块。"
             "测试能力覆盖静态/动态参数、热阻与功率循环（ΔTj 100 K），满足 AQG 324 验证需求。"
             "服务新能源汽车电控与光伏逆变器客户。",
        equip="wire_bonder xray_inspect sam thermal_shock",
        tests="tc_jedec htol_test",
        experts=[("高级工程师", "功率模块封装")],
    ),
    dict(
        name="嘉善植物基食品中试平台",
        operator="嘉善禾味食品科技有限公司", kind="enterprise", entity="91",
        region="330421", site="js_yaozhuang", address="浙江省嘉兴市嘉善县姚庄镇宝群路88号",
        industries="health-food",
        services="rd scaleup pilot",
        tier="cultivating", legal=True,
        main="开展植物蛋白肉、燕麦奶与低 GI 主食的配方开发与工艺中试。",
        desc="平台配置高水分挤压、胶体磨均质与超高压杀菌设备，可试制纤维结构植物肉与无添加冷藏植物饮品。"
             "感官评价室与质构仪支持口感对标。"
             "提供货架期加速试验与包装适配验证。",
        equip="extruder_food hpp uht_pilot",
        tests="shelf_life food_protein",
        experts=[("研究员", "食品蛋白质工程")],
    ),
    dict(
        name="嘉善精密模具与智能制造中试平台",
        operator="嘉善精模智造科技有限公司", kind="enterprise", entity="91",
        region="330421", site="js_kfq", address="浙江省嘉兴市嘉善县惠民街道泰山路18号",
        industries="smart-manufacturing precision-hardware",
        services="improve pilot validate",
        tier="cultivating", legal=True,
        main="为电子连接器与汽车零部件企业提供精密模具试模、注塑与柔性装配中试。",
        desc="平台拥有慢走丝、精密成形磨与注塑试模设备，模具精度 ±2 μm。"
             "柔性装配线配合 MES 采集工艺参数，帮助客户在量产前稳定 CPK。"
             "影像测量与三坐标提供全尺寸检测报告。",
        equip="wire_edm haitian_ma vision_measure cmm mes_line",
        tests="machine_accuracy",
        experts=[("高级工程师", "精密模具")],
    ),
    dict(
        name="嘉善功能涂层与胶粘材料中试平台",
        operator="嘉善新材涂层科技有限公司", kind="enterprise", entity="91",
        region="330421", site="js_kfq", address="浙江省嘉兴市嘉善县大云镇创业路9号",
        industries="new-materials",
        services="improve scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展水性工业涂料、电子胶粘剂与防腐涂层的配方放大和应用性能验证。",
        desc="平台拥有 500 L 分散釜、砂磨机与三辊研磨机，可将涂料配方放大至吨级。"
             "应用测试覆盖附着力、耐盐雾、耐候与 VOC 检测，胶粘剂测试剪切强度与导热性能。"
             "服务新能源电池包结构胶与光伏边框密封胶的国产化验证。",
        equip="salt_spray xenon rheometer gcms",
        tests="salt_fog coating_adhesion xenon_ageing corrosion_rating",
        experts=[("高级工程师", "涂料配方")],
    ),
    dict(
        name="祥符荡创新药CMC研发中试平台",
        operator="嘉善祥符生物医药科技有限公司", kind="platform_operator", entity="91",
        region="330421", site="js_lvgu", address="浙江省嘉兴市嘉善县祥符荡科创绿谷科创路1号",
        industries="innovative-drugs pharma-health",
        services="rd improve scaleup",
        tier="cultivating", legal=True,
        main="为长三角创新药企提供小分子原料药工艺研究与制剂处方开发的 CMC 服务。",
        desc="平台拥有公斤级合成实验室与 50 L 反应釜，可进行工艺路线筛选、杂质研究与晶型控制。"
             "制剂实验室开展口服固体处方前研究、溶出方法开发与稳定性考察。"
             "可按 IND 要求撰写 CMC 申报资料。",
        equip="reactor_glass_50 hplc xrd dissolution stability",
        tests="method_validation stability_ich dissolution_test",
        experts=[("研究员", "药物工艺化学")],
    ),
    # ------------------------------------------------------------------ 海盐县 330424
    dict(
        name="海盐核电关联设备鉴定中试平台",
        operator="海盐核创装备检测有限公司", kind="platform_operator", entity="91",
        region="330424", site="hy_qinshan", address="浙江省嘉兴市海盐县秦山街道核电路168号",
        industries="nuclear-energy high-end-manufacturing",
        services="type validate perf",
        tier="municipal", legal=True,
        main="为核级阀门、紧固件、电缆与仪表提供热老化、辐照老化与 LOCA 鉴定试验。",
        desc="平台依托核电产业园，建有热老化箱群、LOCA 蒸汽试验舱和抗震试验台，"
             "可按 GB/T 12727 与 IEEE 323 开展 1E 级设备鉴定。"
             "为民营配套企业进入核电供应链提供鉴定方案设计与试验执行。"
             "平台还提供核级焊缝无损检测与材料复验服务，缩短配套企业资格取证周期。",
        equip="eq_qualification shaker_big corrosion_loop",
        tests="nuclear_eq nuclear_eq_ieee",
        experts=[("研究员", "核级设备鉴定"), ("高级工程师", "核电阀门")],
    ),
    dict(
        name="海盐氢能燃料电池系统中试平台",
        operator="海盐氢源动力科技有限公司", kind="enterprise", entity="91",
        region="330424", site="hy_wuyuan", address="浙江省嘉兴市海盐县武原街道长山东路588号",
        industries="hydrogen icv-nev",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展燃料电池系统集成、BOP 部件验证与物流车辆装车测试。",
        desc="平台建有燃料电池系统装配线与测试台，可测试 60–150 kW 系统的额定功率、动态响应与低温启动。"
             "空压机、氢循环泵等 BOP 部件可进行耐久试验。"
             "与港区加氢站合作开展示范车辆运行数据分析。",
        equip="fc_test climate_chamber",
        tests="fc_engine",
        experts=[("高级工程师", "燃料电池系统")],
    ),
    dict(
        name="海盐紧固件检验检测与工艺改进中试平台",
        operator="海盐县紧固件产业创新服务有限公司", kind="platform_operator", entity="91",
        region="330424", site="hy_wuyuan", address="浙江省嘉兴市海盐县百步镇百联路1号",
        industries="precision-hardware high-end-manufacturing",
        services="inspect improve perf",
        tier="municipal", legal=True,
        main="为紧固件企业提供力学性能、涂层防腐检测与冷镦热处理工艺改进服务。",
        desc="平台具备拉伸、楔负载、保证载荷与硬度检测能力，可检测 M3–M64 螺栓。"
             "表面处理实验室开展达克罗、锌镍涂层盐雾与氢脆试验。"
             "工艺团队帮助企业优化冷镦、热处理参数，提升 10.9 级、12.9 级高强度紧固件合格率。",
        equip="utm_100kn hardness salt_spray sem",
        tests="tensile_metal vickers salt_fog corrosion_rating",
        experts=[("高级工程师", "紧固件热处理")],
    ),
    dict(
        name="海盐钠离子电池中试平台",
        operator="海盐钠能新能源科技有限公司", kind="enterprise", entity="91",
        region="330424", site="hy_wuyuan", address="浙江省嘉兴市海盐县经济开发区杭州湾大道1号",
        industries="energy-storage new-materials",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展层状氧化物、聚阴离子正极与硬碳负极材料放大及钠离子电芯试制。",
        desc="平台拥有正极材料共沉淀-烧结中试线（50 t/年）和硬碳负极碳化线，"
             "可试制 10–100 Ah 方形钠离子电芯。测试覆盖倍率、低温（-20 ℃）容量保持与循环寿命。"
             "服务两轮车与储能应用验证。",
        equip="battery_cycler glovebox laser_particle xrd",
        tests="particle_size ess_cell",
        experts=[("研究员", "钠离子电池材料")],
    ),
    # ------------------------------------------------------------------ 海宁市 330481
    dict(
        name="海宁泛半导体工艺中试平台",
        operator="海宁泛芯微电子技术有限公司", kind="platform_operator", entity="91",
        region="330481", site="hn_jianshan", address="浙江省嘉兴市海宁市黄湾镇尖山新区安江路3号",
        industries="integrated-circuits mems semiconductor-equipment",
        services="scaleup pilot validate share",
        tier="provincial", legal=True,
        main="建设 8 英寸泛半导体共性工艺中试线，服务 MEMS、光电与功率器件的工艺开发和装备验证。",
        desc="中试线洁净面积 3000 m²，配 i 线光刻、DRIE、ICP 刻蚀、PECVD 与晶圆键合，"
             "可提供 MEMS 麦克风、硅基光电器件流片服务。"
             "设备验证区向国产装备企业开放，提供工艺验证晶圆与测量数据。"
             "平台每季度组织多项目晶圆（MPW）投片，最小起投 5 片，降低中小企业流片成本。",
        equip="stepper_iline drie icp_etcher pecvd wafer_bonder probe_station",
        tests="wafer_param",
        experts=[("教授级高工", "MEMS 工艺"), ("高级工程师", "半导体装备验证")],
    ),
    dict(
        name="许村经编家纺中试平台",
        operator="海宁许村家纺产业服务有限公司", kind="platform_operator", entity="91",
        region="330481", site="hn_xucun", address="浙江省嘉兴市海宁市许村镇科技城路6号",
        industries="textile-apparel",
        services="improve pilot perf inspect",
        tier="municipal", legal=True,
        main="为家纺布艺企业提供功能性经编面料打样、数码印花与性能检测。",
        desc="平台拥有电脑提花经编机与数码印花机，可快速试织窗帘、沙发布与床品面料，打样周期 3 天。"
             "功能整理线开展阻燃、防水、抗菌后整理。"
             "检测室依据 GB 18401 等标准出具报告，服务跨境电商出口需求。",
        equip="digital_printing circular_knit color_fastness fabric_strength",
        tests="textile_safety rub_fastness fabric_tensile",
        experts=[("高级工程师", "经编技术")],
    ),
    dict(
        name="海宁光储充一体化验证中试平台",
        operator="海宁光储能源科技有限公司", kind="enterprise", entity="91",
        region="330481", site="hn_kfq", address="浙江省嘉兴市海宁市经济开发区双联路128号",
        industries="photovoltaic energy-storage icv-nev",
        services="validate perf type",
        tier="municipal", legal=True,
        main="搭建光伏-储能-充电桩微电网实证场，验证户用与工商业储能系统的运行性能。",
        desc="平台建有 1 MW 光伏、2 MWh 储能与 20 台直流快充组成的微电网，"
             "可验证储能 PCS 并网性能、虚拟电厂调度与光储充协调控制策略。"
             "储能电池系统开展循环寿命与热管理验证。"
             "可开展户用储能一体机的防护等级、并离网切换时间与噪声测试，支撑出口认证。",
        equip="pcs_grid battery_cycler sun_simulator",
        tests="pcs_grid_test ess_cell",
        experts=[("高级工程师", "微电网控制")],
    ),
    dict(
        name="海宁生物基可降解材料中试平台",
        operator="海宁禾源生物材料有限公司", kind="enterprise", entity="91",
        region="330481", site="hn_jianshan", address="浙江省嘉兴市海宁市尖山新区闻澜路8号",
        industries="synthetic-biology new-materials",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展 PHA、PLA 等生物基可降解材料的发酵/聚合放大与改性加工验证。",
        desc="平台拥有 5 m³ 发酵罐与溶剂提取线，可生产百公斤级 PHA。"
             "改性车间配双螺杆挤出与吹膜、注塑设备，验证地膜、餐具与包装应用性能。"
             "提供降解性能与力学性能检测。",
        equip="fermenter_train twin_screw tga_dsc",
        tests="tensile_plastic dsc_plastic",
        experts=[("研究员", "生物可降解材料")],
    ),
    dict(
        name="海宁半导体装备零部件中试平台",
        operator="海宁精科半导体部件有限公司", kind="enterprise", entity="91",
        region="330481", site="hn_kfq", address="浙江省嘉兴市海宁市海昌街道芯中路8号",
        industries="semiconductor-equipment precision-hardware",
        services="improve pilot validate",
        tier="cultivating", legal=True,
        main="提供半导体设备腔体、气体管路与陶瓷部件的精密加工、清洗和洁净度验证。",
        desc="平台具备五轴精密加工、电解抛光与百级精密清洗能力，表面粗糙度 Ra ≤0.2 μm。"
             "洁净度验证包括颗粒计数、金属离子与氦检漏测试。"
             "帮助零部件企业通过设备厂商准入审核。",
        equip="dmu65 cmm roughness icp_ms",
        tests="machine_accuracy",
        experts=[("高级工程师", "超精密加工")],
    ),
    # ------------------------------------------------------------------ 平湖市 330482
    dict(
        name="嘉兴港区化工新材料中试基地",
        operator="嘉兴港区中试基地运营管理有限公司", kind="platform_operator", entity="91",
        region="330482", site="ph_zhapu", address="浙江省嘉兴市平湖市乍浦镇嘉兴港区东方大道88号",
        industries="new-materials integrated-circuits",
        services="scaleup pilot share",
        tier="provincial", legal=True,
        main="在化工园区内提供合规中试用地、公用工程与多功能中试装置，承接化工新材料中试项目落地。",
        desc="基地按“政府引导+国资牵头”模式建设，提供 2 万 m² 标准中试厂房与甲类车间，"
             "配蒸汽、氮气、循环水与 RTO 尾气处理等公用工程。"
             "多功能中试装置包括 500 L–2 m³ 反应釜、精馏塔与结晶干燥单元，服务电子化学品、特种聚合物与催化材料。"
             "基地协助企业办理中试项目安评、环评，缩短落地周期。",
        equip="reactor_ss_500 crystallizer gcms icp_oes",
        tests="residual_solvent",
        experts=[("教授级高工", "化工过程放大"), ("高级工程师", "化工安全")],
    ),
    dict(
        name="平湖光机电精密光学中试平台",
        operator="平湖光机电技术研究院有限公司", kind="platform_operator", entity="91",
        region="330482", site="ph_kfq", address="浙江省嘉兴市平湖市经济技术开发区新明路1688号",
        industries="optoelectronics intelligent-equipment",
        services="improve pilot perf",
        tier="municipal", legal=True,
        main="提供车载镜头、激光雷达光学部件与机器视觉镜头的设计验证、镀膜与组装试产。",
        desc="平台拥有模压玻璃非球面成形、光学镀膜与主动对准（AA）组装设备，"
             "可试产 800 万像素车载镜头与 1550 nm 激光雷达窗口片。"
             "检测端提供 MTF、杂散光与高低温离焦测试。"
             "可提供 500–5000 套的镜头组装试产，并完成 -40–105 ℃ 温度循环后的离焦漂移评价。",
        equip="optical_coater mtf spectrophotometer climate_chamber",
        tests="lens_mtf optics_coating",
        experts=[("高级工程师", "光学设计")],
    ),
    dict(
        name="嘉兴港区氢能装备中试平台",
        operator="嘉兴港区氢能产业发展有限公司", kind="platform_operator", entity="91",
        region="330482", site="ph_zhapu", address="浙江省嘉兴市平湖市乍浦镇嘉兴港区平海路28号",
        industries="hydrogen safety-emergency",
        services="validate type perf",
        tier="municipal", legal=True,
        main="依托港区工业副产氢资源，为电解槽、加氢设备与储氢容器提供测试验证。",
        desc="平台建有 250 kW 电解槽测试平台和储氢容器压力循环试验台，"
             "可开展碱性与 PEM 电解槽能耗、动态响应测试和高压部件型式试验。"
             "配合港区加氢站提供设备示范运行场景。"
             "平台配置 IIC 级防爆测试区与氢气泄漏检测系统，可开展加氢机计量准确度与安全联锁功能验证。",
        equip="electrolyzer_bench h2_cycle ex_test",
        tests="electrolyzer electrolyzer_safety h2_cylinder",
        experts=[("高级工程师", "氢能装备")],
    ),
    dict(
        name="平湖服装数字化柔性快反中试平台",
        operator="平湖市服装产业创新服务中心有限公司", kind="platform_operator", entity="91",
        region="330482", site="ph_kfq", address="浙江省嘉兴市平湖市当湖街道新华北路888号",
        industries="textile-apparel smart-manufacturing",
        services="improve pilot rd",
        tier="cultivating", legal=True,
        main="为羽绒服、童装企业提供 3D 数字化设计、柔性吊挂生产线与小单快反试产。",
        desc="平台拥有 3D 人体扫描、虚拟样衣与自动排料系统，样衣周期由 7 天缩短至 2 天。"
             "柔性吊挂线可承接 100 件起订的小单快反，配合 MES 实时追踪工序。"
             "检测室开展羽绒含量、充绒量与婴幼儿纺织品安全检测。",
        equip="body_scanner cad_garment mes_line",
        tests="infant_textile textile_safety",
        experts=[("高级工程师", "服装工程")],
    ),
    dict(
        name="独山港碳纤维复合材料中试平台",
        operator="平湖独山港复材科技有限公司", kind="enterprise", entity="91",
        region="330482", site="ph_dushan", address="浙江省嘉兴市平湖市独山港镇兴港路1号",
        industries="new-materials aerospace low-altitude-economy",
        services="scaleup pilot perf",
        tier="cultivating", legal=True,
        main="开展碳纤维预浸料、热塑性复合材料与低空飞行器结构件的中试生产。",
        desc="平台拥有热熔法预浸料线、Φ2 m 热压罐和热塑复材模压设备，"
             "可试制无人机机身、eVTOL 桨叶与氢气瓶缠绕层。"
             "力学测试覆盖拉伸、压缩、层间剪切，配合超声 C 扫描检测孔隙。"
             "平台可按 ASTM D3039 等标准出具力学性能数据，支持航空级材料认证前的积累试验。",
        equip="prepreg_line autoclave_composite utm_100kn",
        tests="composite_tensile",
        experts=[("研究员", "复合材料")],
    ),
    # ------------------------------------------------------------------ 桐乡市 330483
    dict(
        name="乌镇人工智能大模型应用验证中试平台",
        operator="桐乡乌镇数智科技有限公司", kind="platform_operator", entity="91",
        region="330483", site="tx_wuzhen", address="浙江省嘉兴市桐乡市乌镇镇互联网创新发展试验区智慧大道1号",
        industries="ai next-gen-it",
        services="validate perf share",
        tier="municipal", legal=True,
        main="为制造业企业提供工业大模型、智能体应用的算力、数据集与场景验证。",
        desc="平台部署国产推理算力集群，提供纺织、化纤、玻纤等本地产业的行业数据集与评测基准。"
             "可在真实工厂场景中验证工艺参数推荐、质检与排产智能体，评估准确率与投入回报。"
             "提供数据安全与模型合规评估支持。",
        equip="mlu_servers jetson_farm vision_bench",
        tests="model_bench gen_ai_safety",
        experts=[("高级工程师", "工业智能")],
    ),
    dict(
        name="濮院毛衫柔性制造中试平台",
        operator="桐乡濮院毛衫创新研究院有限公司", kind="platform_operator", entity="91",
        region="330483", site="tx_puyuan", address="浙江省嘉兴市桐乡市濮院镇毛衫创新园320号",
        industries="textile-apparel smart-manufacturing",
        services="improve pilot rd",
        tier="municipal", legal=True,
        main="为毛衫企业提供全成形编织工艺开发、纱线应用评价与小批量快反生产。",
        desc="平台配置全成形电脑横机与程序设计室，可一线成衣减少缝合工序，"
             "开展羊毛、羊绒混纺纱线的可织性评价。"
             "检测端提供起毛起球、尺寸稳定性与色牢度测试，助力品牌直播电商快反订单。"
             "平台每年为 300 余家毛衫企业提供新品打样，平均打样周期由 5 天缩短至 1.5 天。",
        equip="shima_wholegarment sample_dyeing color_fastness",
        tests="rub_fastness textile_safety",
        experts=[("高级工程师", "针织工艺")],
    ),
    dict(
        name="桐乡玻璃纤维及复合材料中试平台",
        operator="桐乡玻纤新材料研究院有限公司", kind="enterprise", entity="91",
        region="330483", site="tx_kfq", address="浙江省嘉兴市桐乡市经济开发区文华南路669号",
        industries="new-materials green-low-carbon",
        services="rd scaleup pilot perf",
        tier="national", legal=True,
        main="开展高模量、低介电玻璃纤维配方与池窑工艺中试，以及风电叶片用复合材料验证。",
        desc="平台拥有单丝拉丝炉与小型池窑中试线，可研究高模量、低介电电子纱配方与浸润剂。"
             "复合材料实验室开展风电叶片大梁拉挤板、5G 基站天线罩材料性能测试。"
             "提供熔制能耗与窑炉耐火材料寿命评估，服务绿色低碳改造。",
        equip="prepreg_line utm_100kn servo_fatigue dma",
        tests="composite_tensile tensile_plastic",
        experts=[("教授级高工", "玻璃纤维"), ("研究员", "风电复合材料")],
    ),
    dict(
        name="桐乡差别化聚酯纤维中试平台",
        operator="桐乡化纤新材料科技有限公司", kind="enterprise", entity="91",
        region="330483", site="tx_kfq", address="浙江省嘉兴市桐乡市洲泉镇工业园区德胜路8号",
        industries="textile-apparel new-materials",
        services="scaleup pilot improve",
        tier="municipal", legal=True,
        main="开展阳离子可染、抗菌、凉感等差别化聚酯纤维的聚合改性与纺丝中试。",
        desc="平台拥有 5–30 kg/h 熔融纺丝中试线，可纺 POY、FDY 与异形截面纤维。"
             "在线添加系统用于功能母粒试验，纤维性能测试覆盖强伸、沸水收缩与染色均匀性。"
             "可为下游织造企业提供面料打样对接。",
        equip="melt_spinning twin_screw fabric_strength",
        tests="fiber_props quick_dry",
        experts=[("高级工程师", "化纤工艺")],
    ),
    dict(
        name="桐乡杭白菊植物提取健康食品中试平台",
        operator="桐乡菊源生物科技有限公司", kind="enterprise", entity="91",
        region="330483", site="tx_kfq", address="浙江省嘉兴市桐乡市梧桐街道振兴东路99号",
        industries="health-food pharma-health",
        services="improve scaleup pilot inspect",
        tier="cultivating", legal=True,
        main="开展杭白菊等药食同源植物的提取纯化、功能成分富集与健康食品中试。",
        desc="平台拥有多功能提取浓缩机组、大孔树脂层析与喷雾干燥，"
             "可生产绿原酸、黄酮类功能配料。HPLC 指纹图谱与农残检测保证批次一致性。"
             "提供压片、固体饮料等终端产品试制。",
        equip="extraction_tcm column_macro spray_dryer_pilot hplc",
        tests="food_moisture food_micro",
        experts=[("研究员", "天然产物")],
    ),
]
