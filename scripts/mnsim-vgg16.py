#!/usr/bin/env python3
"""MNSIM 2.0's hardware estimate of its VGG-16 (CIFAR-10 shape, 3x32x32), as docs/cost-model.md runs it.

The same steps as MNSIM's main.py with -NN vgg16 -DisAccu, except that no weights file is loaded
(main.py's default, cifar10_vgg8_params.pth, is a trained VGG-8 checkpoint that the repository does
not ship): the network keeps PyTorch's random initial weights, which MNSIM's behaviour-level
estimate (SimConfig.ini Simulation_Level = 0) does not read anyway.

Run from the root of a checkout of github.com/thu-nics/MNSIM-2.0 (its default SimConfig.ini):
    PYTHONPATH=. python3 /path/to/xbarsim/scripts/mnsim-vgg16.py > mnsim-vgg16.txt
Needs PyTorch, NumPy and pandas (Debian: python3-torch, python3-numpy, python3-pandas).
"""
import os

from MNSIM.Interface.interface import TrainTestInterface
from MNSIM.Mapping_Model.Tile_connection_graph import TCG
from MNSIM.Latency_Model.Model_latency import Model_latency
from MNSIM.Area_Model.Model_Area import Model_area
from MNSIM.Power_Model.Model_inference_power import Model_inference_power
from MNSIM.Energy_Model.Model_energy import Model_energy

config = os.path.join(os.getcwd(), "SimConfig.ini")
interface = TrainTestInterface(network_module="vgg16", dataset_module="MNSIM.Interface.cifar10",
                               SimConfig_path=config, weights_file=None, device=None)
structure = interface.get_structure()
mapping = TCG(structure, config)
latency = Model_latency(NetStruct=structure, SimConfig_path=config, TCG_mapping=mapping)
latency.calculate_model_latency(mode=1)  # main.py's default: inner-layer pipeline on
print("========================Latency Results=================================")
latency.model_latency_output(True, True)
area = Model_area(NetStruct=structure, SimConfig_path=config, TCG_mapping=mapping)
print("========================Area Results=================================")
area.model_area_output(True, True)
power = Model_inference_power(NetStruct=structure, SimConfig_path=config, TCG_mapping=mapping)
print("========================Power Results=================================")
power.model_power_output(True, True)
energy = Model_energy(NetStruct=structure, SimConfig_path=config, TCG_mapping=mapping,
                     model_latency=latency, model_power=power)
print("========================Energy Results=================================")
energy.model_energy_output(True, True)
